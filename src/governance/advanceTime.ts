import type { Address } from "viem";
import type { NetworkConnection } from "hardhat/types/network";
import { readRollupConfig } from "../chain/readRollupConfig.js";
import { slotAt, slotStart } from "../chain/time.js";
import { CommandError } from "../cli/CommandError.js";
import { loadGovernance } from "./loadGovernance.js";

/** Chain ids whose clock a command may move: the in-process network and `npx hardhat node`. */
export const LOCAL_CHAIN_IDS: readonly number[] = [31337];

/** The proposal moments `--to-state` knows: voting open, voting closed, timelock passed. */
export const TARGET_STATES = ["active", "ended", "executable"] as const;
export type TargetState = (typeof TARGET_STATES)[number];

/** Where to move the local chain's clock to. */
export type AdvanceTarget =
  { kind: "slots"; slots: bigint } | { kind: "round-end" } | { kind: "state"; state: TargetState; proposalId: bigint };

/** What `advanceTime` did: the new block's time and the canonical rollup's slot then. */
export type AdvanceTimeReturnType = { from: bigint; to: bigint; slot: bigint; round: bigint };

/**
 * Moves a local chain's clock forward and mines one block there, for trying governance by hand: `slots` to the
 * start of the slot N slots ahead on the canonical rollup, `round-end` to the first slot of the next signalling
 * round, `state` to the first second at which a proposal is Active (snapshot + 1), its vote has ended
 * (deadline + 1) or it is executable (its timelock eta). Refused on any chain but a local one (31337), and when
 * the target is not in the future.
 */
export async function advanceTime(
  connection: NetworkConnection,
  { governance, target }: { governance: Address; target: AdvanceTarget },
): Promise<AdvanceTimeReturnType> {
  const { publicClient, registry, proposer, governance: gov } = await loadGovernance(connection, governance);
  const chainId = await publicClient.getChainId();
  if (!LOCAL_CHAIN_IDS.includes(chainId)) {
    throw new CommandError("time:advance moves only a local chain's clock.", "chain 31337", `chain ${chainId}`);
  }
  const config = await readRollupConfig(publicClient, await registry.read.getCanonicalRollup());
  const from = (await publicClient.getBlock()).timestamp;
  const slot = from < config.clock.genesisTime ? 0n : slotAt(config.clock, from);
  const roundSize = await proposer.read.ROUND_SIZE();
  let to: bigint;
  if (target.kind === "slots") {
    if (target.slots === 0n) throw new CommandError("--slots must be positive.", "at least 1", "0");
    to = slotStart(config.clock, slot + target.slots);
  } else if (target.kind === "round-end") {
    to = slotStart(config.clock, (slot / roundSize + 1n) * roundSize);
  } else {
    const id = target.proposalId;
    const snapshot = await gov.read.proposalSnapshot([id]);
    if (snapshot === 0n) throw new CommandError("Unknown proposal.", "an existing proposal id", String(id));
    if (target.state === "active") to = snapshot + 1n;
    else if (target.state === "ended") to = (await gov.read.proposalDeadline([id])) + 1n;
    else {
      to = await gov.read.proposalEta([id]);
      if (to === 0n) throw new CommandError("The proposal is not queued.", "a queued proposal (gov:queue)", String(id));
    }
  }
  if (to <= from) {
    throw new CommandError("The target time has passed.", `a time after the latest block's ${from}`, String(to));
  }
  await connection.networkHelpers.time.increaseTo(to);
  const newSlot = slotAt(config.clock, to);
  return { from, to, slot: newSlot, round: newSlot / roundSize };
}
