import { epochOf, proofDeadline, type SlotClock } from "../../chain/time.js";
import type { FollowerChainReader } from "../actors/followerChainReader.js";

/**
 * The prune the chain the follower holds is heading for: the first unproven block's epoch and the first second at
 * which `Rollup.canPruneAtTime` turns true (`PruneLib.canPruneAt`: unproven blocks, and that epoch's window closed).
 */
export type PrunePrediction = {
  epoch: bigint;
  provenTip: bigint;
  pendingTip: bigint;
  /** From this L1 time on the epoch can no longer be proven and anyone can prune. */
  deadline: bigint;
};

/** The prediction for the chain `reader` holds, or null when every pending block is proven (nothing to prune). */
export async function predictPrune(
  reader: Pick<FollowerChainReader, "tips" | "block">,
  clock: SlotClock,
  proofSubmissionEpochs: bigint,
): Promise<PrunePrediction | null> {
  const { proven, pending } = await reader.tips();
  if (pending <= proven) return null;
  const first = reader.block(proven + 1n);
  if (first === undefined) return null;
  const epoch = epochOf(clock, first.slot);
  const deadline = proofDeadline(clock, proofSubmissionEpochs, epoch);
  return { epoch, provenTip: proven, pendingTip: pending, deadline };
}

/** `Rollup.canPruneAtTime(ts)` on the follower's chain. */
export const canPruneAt = (prediction: PrunePrediction | null, ts: bigint): boolean =>
  prediction !== null && ts >= prediction.deadline;
