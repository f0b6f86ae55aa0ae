import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Address } from "viem";
import { CommandError } from "../../cli/CommandError.js";
import { parseAddress } from "../../cli/parseAddress.js";
import { parseBigInt } from "../../cli/parseBigInt.js";
import type { FollowedContracts } from "../follower/decodeLogs.js";

/** The slashing contracts of a deployment (what the slasher role signals to and executes through). */
export type SlashingContracts = { slashingProposer: Address; slasher: Address; factory: Address };

/** The contracts a node follows, the first L1 block it reads, and the slashing contracts when deployed. */
export type NodeDeployment = { contracts: FollowedContracts; startBlock: bigint; slashing?: SlashingContracts };

/** Address flags (`--rollup`, …; empty: from the deployment) and `--start-block`. */
export type DeploymentFlags = Partial<Record<keyof FollowedContracts, string>> & {
  startBlock?: string;
  /** The Ignition deployment folder's name (default `chain-<id>`). */
  deploymentId?: string;
};

/** Flag of each followed contract → its Ignition future's contract name. */
const CONTRACTS: Record<keyof FollowedContracts, string> = {
  rollup: "Rollup",
  inbox: "Inbox",
  outbox: "Outbox",
  governanceProposer: "GovernanceProposer",
  governance: "Governance",
  stakingEscrow: "StakingEscrow",
};

/**
 * The deployment a node follows: each address from its flag if given, else from the Ignition deployment
 * (`ignition/deployments/<id>/deployed_addresses.json`, id `chain-<chainId>` by default); the start block from
 * `--start-block`, else the first block of the deployment's journal (`journal.jsonl`). Reads files only.
 */
export async function resolveNodeDeployment(
  flags: DeploymentFlags,
  chainId: number,
  root = process.cwd(),
): Promise<NodeDeployment> {
  const id = flags.deploymentId === undefined || flags.deploymentId === "" ? `chain-${chainId}` : flags.deploymentId;
  const folder = path.join(root, "ignition", "deployments", id);
  const needsFiles =
    (flags.rollup ?? "") === "" || (flags.startBlock ?? "") === "" || (flags.deploymentId ?? "") !== "";
  const addresses = needsFiles
    ? await readJson<Record<string, string>>(path.join(folder, "deployed_addresses.json"))
    : undefined;
  const contracts: Partial<Record<keyof FollowedContracts, Address>> = {};
  for (const [key, name] of Object.entries(CONTRACTS) as [keyof FollowedContracts, string][]) {
    const flag = flags[key] ?? "";
    if (flag !== "") contracts[key] = parseAddress(flag, kebab(key));
    else {
      const entry = Object.keys(addresses ?? {}).find((k) => k.endsWith(`#${name}`));
      if (entry !== undefined) contracts[key] = parseAddress(addresses![entry], kebab(key));
    }
  }
  if (contracts.rollup === undefined) {
    throw new CommandError("No Rollup address.", `--rollup or a <module>#Rollup entry in ${id}`, "neither");
  }
  const startBlock =
    (flags.startBlock ?? "") !== "" ? parseBigInt(flags.startBlock!, "start-block") : await journalStart(folder);
  const named = (name: string) => {
    const entry = Object.keys(addresses ?? {}).find((k) => k.endsWith(`#${name}`));
    return entry === undefined ? undefined : parseAddress(addresses![entry], name);
  };
  const [slashingProposer, slasher, factory] = ["SlashingProposer", "Slasher", "SlashPayloadFactory"].map(named);
  const slashing =
    slashingProposer !== undefined && slasher !== undefined && factory !== undefined
      ? { slashingProposer, slasher, factory }
      : undefined;
  return { contracts: contracts as FollowedContracts, startBlock, slashing };
}

/** The lowest block number a receipt of the Ignition journal names (where the deployment started). */
async function journalStart(folder: string): Promise<bigint> {
  const file = path.join(folder, "journal.jsonl");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new CommandError("No start block.", "--start-block or an Ignition journal.jsonl", file);
  }
  let first: number | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const n = (JSON.parse(line) as { receipt?: { blockNumber?: number } }).receipt?.blockNumber;
    if (typeof n === "number" && (first === undefined || n < first)) first = n;
  }
  if (first === undefined) throw new CommandError("No start block.", "a confirmed transaction in the journal", file);
  return BigInt(first);
}

async function readJson<T>(file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    throw new CommandError(
      "No Ignition deployment to follow.",
      "--rollup and --start-block, or --deployment-id naming ignition/deployments/<id>",
      file,
    );
  }
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
