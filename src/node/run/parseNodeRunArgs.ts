import { isIPv4 } from "node:net";
import { multiaddr } from "@multiformats/multiaddr";
import type { Address } from "viem";
import { CommandError } from "../../cli/CommandError.js";
import { parseAddress } from "../../cli/parseAddress.js";
import { readPassword } from "../../keys/password.js";
import type { DeploymentFlags } from "./deployment.js";
import { ROLES, type Role } from "./NodeLoop.js";
import type { NodeRunOptions } from "./startNode.js";
import type { P2POptions } from "./startP2P.js";

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
  p2pPort: string;
  p2pHost: string;
  p2pAnnounce: string;
  bootstrap: string;
  attestationTimeoutMs: string;
  resync: boolean;
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
  const needsKeys = roles.has("sequencer") || roles.has("attester") || roles.has("prover") || roles.has("slasher");
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
    p2p: parseP2P(a),
    resync: a.resync,
  };
}

/** The p2p flags: the network runs when `--p2p-port` is given (0: any free port). */
function parseP2P(a: NodeRunArgs): P2POptions | undefined {
  const given = [a.p2pAnnounce, a.bootstrap, a.attestationTimeoutMs].some((v) => v !== "");
  if (a.p2pPort === "") {
    if (given) throw new CommandError("p2p flags need --p2p-port.", "--p2p-port N (0: any free port)", "none");
    return undefined;
  }
  const host = a.p2pHost === "" ? "127.0.0.1" : a.p2pHost;
  if (!isIPv4(host)) throw new CommandError("--p2p-host is not an IPv4 address.", "e.g. 0.0.0.0", JSON.stringify(host));
  return {
    host,
    port: integer(a.p2pPort, "p2p-port", 0, 65_535),
    announce: multiaddrs(a.p2pAnnounce, "p2p-announce", false),
    bootstrap: multiaddrs(a.bootstrap, "bootstrap", true),
    attestationTimeoutMs:
      a.attestationTimeoutMs === "" ? 5_000 : integer(a.attestationTimeoutMs, "attestation-timeout-ms", 10, 600_000),
  };
}

/** Comma-separated multiaddrs; bootstrap peers must name their peer id (`…/p2p/12D3Koo…`). */
function multiaddrs(value: string, name: string, withPeerId: boolean): string[] {
  const list = value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
  for (const text of list) {
    let ok: boolean;
    try {
      const components = multiaddr(text).getComponents();
      ok = components.some((c) => c.name === "tcp") && (!withPeerId || components.some((c) => c.name === "p2p"));
    } catch {
      ok = false;
    }
    if (!ok) {
      const expected = withPeerId ? "/ip4/<address>/tcp/<port>/p2p/<peer id>" : "/ip4/<address>/tcp/<port>";
      throw new CommandError(`--${name} names an invalid multiaddr.`, expected, JSON.stringify(text));
    }
  }
  return list;
}

function integer(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new CommandError(`--${name} is out of range.`, `an integer from ${min} to ${max}`, JSON.stringify(value));
  }
  return n;
}
