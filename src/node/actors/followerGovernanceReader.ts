import { type Address, getAddress } from "viem";
import type { NodeStore } from "../store/NodeStore.js";

/** A GovernanceProposer round as its `SignalCast` and `RoundWinnerSubmitted` events build it (`getRound`). */
export type SignalRound = {
  /** The payload with the most signals, the first to reach that count (null: no signal yet). */
  leader: Address | null;
  leaderSignals: bigint;
  submitted: boolean;
  /** Signals per payload. */
  signals: Map<Address, bigint>;
};

/** What governance clients read of L1, from the follower's store (no log scans, reorgs rolled back included). */
export type FollowerGovernanceReader = {
  round(rollup: Address, round: bigint): SignalRound;
  signalCount(rollup: Address, round: bigint, payload: Address): bigint;
};

/**
 * The GovernanceProposer's rounds from the follower's store, read as the contract's `getRound`/`signalCount`
 * views: a round's signals and leader replayed as `RoundSignalling` counts them (each read scans the stored
 * signals: one row per slot at most).
 */
export function followerGovernanceReader({ store }: { store: NodeStore }): FollowerGovernanceReader {
  const round = (rollup: Address, r: bigint): SignalRound => {
    const view: SignalRound = { leader: null, leaderSignals: 0n, submitted: false, signals: new Map() };
    for (const row of store.rows("signals")) {
      if (row.round !== r || row.rollup.toLowerCase() !== rollup.toLowerCase()) continue;
      const payload = getAddress(row.payload);
      view.signals.set(payload, row.signals);
      // As the contract: a payload takes the lead only by passing the leader's count.
      if (view.leader !== payload && row.signals > (view.leader === null ? 0n : view.signals.get(view.leader)!)) {
        view.leader = payload;
      }
    }
    view.leaderSignals = view.leader === null ? 0n : view.signals.get(view.leader)!;
    view.submitted = store
      .rows("proposals")
      .some(
        (p) => p.stage === "roundWinner" && p.detail.round === r.toString() && p.detail.rollup === getAddress(rollup),
      );
    return view;
  };
  return {
    round,
    signalCount: (rollup, r, payload) => round(rollup, r).signals.get(getAddress(payload)) ?? 0n,
  };
}
