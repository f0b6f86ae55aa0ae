import { type Address, isAddressEqual, zeroAddress } from "viem";
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import type { NetworkConnection } from "hardhat/types/network";
import { inboxAbi } from "../chain/abi.js";
import { readRollupConfig } from "../chain/readRollupConfig.js";
import { loadGovernance } from "../governance/loadGovernance.js";
import { InvalidParameterError } from "../errors/BaseError.js";
import { INBOX_DEFAULTS } from "../system/rollupDefaults.js";

/** The `RollupVersion` module's parameters, as `deploy:rollup` passes them. */
export type RollupVersionParameters = {
  escrow: Address;
  owner: Address;
  genesisTime: bigint;
  slotDuration: bigint;
  epochDuration: bigint;
  targetCommitteeSize: bigint;
  bootstrap: boolean;
  genesisArchive: string;
  slasher: Address;
  verifier: Address;
  proofSubmissionEpochs: bigint;
  rewardPool: Address;
  blockReward: bigint;
  proverReward: bigint;
  inboxHeight: bigint;
  maxPendingTrees: bigint;
  rollupVersion: bigint;
  messageFee: bigint;
};

/** The module id of ignition/modules/RollupVersion.ts. */
export const ROLLUP_VERSION_MODULE = "RollupVersion";

/**
 * The parameters of the next Rollup version of the system behind `governance`: the running canonical rollup's
 * configuration (its clock, so slot numbers carry over the fork; committee, genesis, slasher, verifier, proofs and
 * rewards; its owner; its Inbox's height, pending-tree bound and message fee), the next version number
 * (`Registry.numberOfVersions() + 1`), then `overrides` (a parameters file's `RollupVersion` entry) on top.
 */
export async function rollupVersionParameters(
  connection: NetworkConnection,
  { governance, overrides = {} }: { governance: Address; overrides?: DeploymentParameters },
): Promise<RollupVersionParameters> {
  const unknown = Object.keys(overrides).filter((module) => module !== ROLLUP_VERSION_MODULE);
  if (unknown.length > 0) {
    throw new InvalidParameterError("The parameters file names another module.", {
      expected: `only "${ROLLUP_VERSION_MODULE}"`,
      given: unknown.map((module) => JSON.stringify(module)).join(", "),
    });
  }
  const loaded = await loadGovernance(connection, governance);
  const { publicClient, registry, escrow } = loaded;
  const canonical = await registry.read.getCanonicalRollup();
  const config = await readRollupConfig(publicClient, canonical);
  const inbox = config.inbox;
  // a v1 without an Inbox (a test system) gives v2 the default one
  const readInbox = async (functionName: "HEIGHT" | "MAX_PENDING_TREES" | "messageFee", fallback: bigint) =>
    isAddressEqual(inbox, zeroAddress)
      ? fallback
      : publicClient.readContract({ address: inbox, abi: inboxAbi, functionName });
  const [inboxHeight, maxPendingTrees, messageFee, versions] = await Promise.all([
    readInbox("HEIGHT", INBOX_DEFAULTS.height),
    readInbox("MAX_PENDING_TREES", INBOX_DEFAULTS.maxPendingTrees),
    readInbox("messageFee", INBOX_DEFAULTS.messageFee),
    registry.read.numberOfVersions(),
  ]);
  const fromV1: RollupVersionParameters = {
    escrow: escrow.address,
    owner: config.owner,
    genesisTime: config.genesisTime,
    slotDuration: BigInt(config.slotDuration),
    epochDuration: BigInt(config.epochDuration),
    targetCommitteeSize: config.targetCommitteeSize,
    bootstrap: config.bootstrap,
    genesisArchive: config.genesisArchive,
    slasher: config.slasher,
    verifier: config.proofs.verifier,
    proofSubmissionEpochs: config.proofs.proofSubmissionEpochs,
    rewardPool: config.proofs.rewardPool,
    blockReward: config.proofs.blockReward,
    proverReward: config.proofs.proverReward,
    inboxHeight,
    maxPendingTrees,
    rollupVersion: versions + 1n,
    messageFee,
  };
  return { ...fromV1, ...(overrides[ROLLUP_VERSION_MODULE] as Partial<RollupVersionParameters> | undefined) };
}
