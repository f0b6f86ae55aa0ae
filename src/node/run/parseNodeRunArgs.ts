import type { Address } from "viem";
import { CommandError } from "../../cli/CommandError.js";
import { parseAddress } from "../../cli/parseAddress.js";
import { readPassword } from "../../keys/password.js";
import type { DeploymentFlags } from "./deployment.js";
import { ROLES, type Role } from "./NodeLoop.js";
import type { NodeRunOptions } from "./startNode.js";

/** `node:run`'s options as the task receives them (strings; empty: not given). */
export type NodeRunArgs = DeploymentFlags & {
  roles: string;
  keys: string;
  publisher: string;
  passwordFile: string;
  store: string;
  beacon: string;
  metricsHost: string;
  metricsPort: string;
  pollMs: string;
  signalPayload: string;
  txCount: string;
};

/** Parses and checks `node:run`'s options (the password is read here: file, environment or prompt). */
export async function parseNodeRunArgs(a: NodeRunArgs): Promise<NodeRunOptions> {
  const roles = new Set<Role>();
  for (const r of a.roles
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")) {
    if (!(ROLES as readonly string[]).includes(r)) {
      throw new CommandError("--roles names an unknown role.", ROLES.join(", "), JSON.stringify(r));
    }
    roles.add(r as Role);
  }
  if (roles.size === 0) throw new CommandError("--roles is empty.", ROLES.join(", "), JSON.stringify(a.roles));
  if (a.store === "") throw new CommandError("Missing --store.", "a folder for the node's store", "nothing");
  const needsKeys = roles.has("sequencer") || roles.has("attester") || roles.has("prover");
  const signalPayload: Address | undefined =
    a.signalPayload === "" ? undefined : parseAddress(a.signalPayload, "signal-payload");
  return {
    roles,
    keysDir: a.keys,
    publisherFile: a.publisher,
    password: needsKeys ? await readPassword({ passwordFile: a.passwordFile }) : "",
    storeDir: a.store,
    beaconUrl: a.beacon,
    metricsHost: a.metricsHost === "" ? "127.0.0.1" : a.metricsHost,
    metricsPort: integer(a.metricsPort, "metrics-port", 0, 65_535),
    pollMs: integer(a.pollMs, "poll-ms", 10, 3_600_000),
    signalPayload,
    deployment: {
      deploymentId: a.deploymentId,
      rollup: a.rollup,
      inbox: a.inbox,
      outbox: a.outbox,
      governanceProposer: a.governanceProposer,
      governance: a.governance,
      stakingEscrow: a.stakingEscrow,
      startBlock: a.startBlock,
    },
    txCount: integer(a.txCount, "tx-count", 1, 1_000),
  };
}

function integer(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new CommandError(`--${name} is out of range.`, `an integer from ${min} to ${max}`, JSON.stringify(value));
  }
  return n;
}
