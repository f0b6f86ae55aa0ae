import { epochOf, type SlotClock } from "../chain/time.js";
import type { EpochProofRow, PruneRow } from "../node/store/types.js";
import type { SimulationOptions } from "./options.js";
import type { RunLog } from "./summarize.js";
import type { GateCheck, SlotRecord } from "./types.js";

/** Share of an epoch's slots the pending chain must advance in (Aztec's gating tests use the same 50 %). */
export const ADVANCE_THRESHOLD = 0.5;
/** Slots after the soft fork within which a block must land again. */
export const SOFT_FORK_RECOVERY_SLOTS = 4;

/** How one epoch of the run ended. */
export type EpochOutcome = {
  epoch: number;
  slots: number;
  proposedSlots: number;
  /** proven; pruned (its window closed unproven); dropped (a prune of an earlier epoch took its blocks); empty. */
  status: "proven" | "pruned" | "dropped" | "unproven" | "empty";
  /** A block of this epoch had its blobs withheld. */
  withheld: boolean;
  /** The prover was down while this epoch's proof was due (its epoch or the next). */
  proverDown: boolean;
  /** Blocks of this epoch on the final chain (not pruned or dropped). */
  finalBlocks: number;
  /** Whole epoch inside the run (partial epochs at the ends are not judged on the advance share). */
  complete: boolean;
};

/** Each epoch's outcome, from the final timeline and the proofs and prunes L1 holds. */
export function epochOutcomes(p: {
  records: SlotRecord[];
  clock: SlotClock;
  proofs: EpochProofRow[];
  prunes: PruneRow[];
  log: RunLog;
  /** Slots whose block is on the final chain. */
  finalSlots: Set<number>;
}): EpochOutcome[] {
  const { records, clock, log } = p;
  const o = log.options;
  const firstEpoch = records.length === 0 ? 0 : records[0].epoch;
  const proven = new Set(p.proofs.map((x) => Number(x.epoch)));
  const pruned = new Set(p.prunes.map((x) => Number(x.epoch)));
  const withheld = new Set(log.withheld.map((w) => Number(epochOf(clock, BigInt(w.slot)))));
  const byEpoch = new Map<number, SlotRecord[]>();
  for (const r of records) byEpoch.set(r.epoch, [...(byEpoch.get(r.epoch) ?? []), r]);
  const firstPruned = Math.min(...pruned);
  return [...byEpoch].map(([epoch, slots]) => {
    const proposedSlots = slots.filter((s) => s.proposed).length;
    const run = epoch - firstEpoch;
    const down = o.proverDown !== null && run + 1 >= o.proverDown.from && run <= o.proverDown.to;
    const status: EpochOutcome["status"] =
      proposedSlots === 0
        ? "empty"
        : proven.has(epoch)
          ? "proven"
          : pruned.has(epoch)
            ? "pruned"
            : epoch > firstPruned
              ? "dropped"
              : "unproven";
    return {
      epoch,
      slots: slots.length,
      proposedSlots,
      status,
      withheld: withheld.has(epoch),
      proverDown: down,
      finalBlocks: slots.filter((s) => p.finalSlots.has(s.slot)).length,
      complete: slots.length === Number(clock.epochDuration),
    };
  });
}

/** The phase's gate: each check's figure against its threshold (shared/SPEC.md and the seed's gating rules). */
export function gateChecks(p: {
  phase: string;
  options: SimulationOptions;
  records: SlotRecord[];
  outcomes: EpochOutcome[];
  slotSeconds: number;
  tpsGoal: number;
  fatal: string | null;
  consistency: { checked: number; consistent: number; differing: string[] };
  reorgs: RunLog["reorgs"];
  softFork: RunLog["softFork"];
  hardFork: {
    atSlot: number;
    stage: string;
    failure: string | null;
    executedAtSlot: number | null;
    firstBlockOnNewRollupSlot: number | null;
    newRollupEpochsProven: number;
  } | null;
  /** Offenders the injected faults made, how many of them an executed payload slashed, and payloads executed. */
  slashing: { expected: number; slashed: number; payloads: number };
  /** Process mode's kills and partition (null: in-process run). */
  processFaults: NonNullable<RunLog["processFaults"]> | null;
}): GateCheck[] {
  const checks: GateCheck[] = [];
  const check = (name: string, pass: boolean, figure: number | string, threshold: number | string, detail: string) =>
    checks.push({ name, pass, figure, threshold, detail });

  check("noFatalError", p.fatal === null, p.fatal ?? "none", "none", p.fatal ?? "the run completed every slot");

  // An epoch may stall only where an injected fault makes that correct: withheld data stops building until the
  // prune, which comes one epoch later; a prune (withheld data, prover down) drops the next epoch's blocks too.
  const stalledByFault = new Set(p.outcomes.filter((e) => e.withheld).flatMap((e) => [e.epoch, e.epoch + 1]));
  const lostToFault = new Set(
    p.outcomes
      .filter((e) => e.status === "pruned" && (e.withheld || e.proverDown))
      .flatMap((e) => [e.epoch, e.epoch + 1]),
  );
  const judged = p.outcomes.filter((e) => e.complete && !stalledByFault.has(e.epoch));
  const shares = judged.map((e) => ({ epoch: e.epoch, share: e.proposedSlots / e.slots }));
  const worst = shares.reduce((w, s) => (s.share < w.share ? s : w), shares[0] ?? { epoch: -1, share: 1 });
  const failing = shares.filter((s) => s.share <= ADVANCE_THRESHOLD);
  check(
    "pendingChainAdvances",
    failing.length === 0,
    judged.length === 0 ? "no complete epoch" : round(worst.share),
    `> ${ADVANCE_THRESHOLD} of each epoch's slots`,
    judged.length === 0
      ? "the run holds no complete epoch to judge (run at least 32 slots)"
      : failing.length === 0
        ? `every judged epoch (${judged.length}) advanced in more than half its slots; the worst, epoch ${worst.epoch}, in ${pct(worst.share)}`
        : `epochs ${failing.map((f) => `${f.epoch} (${pct(f.share)})`).join(", ")} advanced in half their slots or fewer`,
  );

  const unproven = p.outcomes.filter((e) => e.status === "unproven");
  const unexplainedPrunes = p.outcomes.filter((e) => e.status === "pruned" && !e.withheld && !e.proverDown);
  const proven = p.outcomes.filter((e) => e.status === "proven").length;
  const prunedCount = p.outcomes.filter((e) => e.status === "pruned").length;
  const withBlocks = p.outcomes.filter((e) => e.status !== "empty").length;
  check(
    "provingKeepsUp",
    unproven.length === 0 && unexplainedPrunes.length === 0,
    `${proven}/${withBlocks} proven`,
    "every epoch proven in its window, or pruned where an injected fault explains it",
    unproven.length > 0
      ? `epochs ${unproven.map((e) => e.epoch).join(", ")} were neither proven nor pruned by the end of the run`
      : unexplainedPrunes.length > 0
        ? `epochs ${unexplainedPrunes.map((e) => e.epoch).join(", ")} were pruned without an injected fault to explain it`
        : prunedCount === 0
          ? `every epoch with blocks (${proven}) was proven inside its window`
          : `${proven} proven; ${prunedCount} pruned, each after withheld data or prover downtime`,
  );

  // Throughput on the final chain, over the epochs no injected fault stalled or had pruned.
  const measured = p.outcomes.filter((e) => !stalledByFault.has(e.epoch) && !lostToFault.has(e.epoch));
  const measuredSlots = measured.reduce((n, e) => n + e.slots, 0);
  const tps =
    measuredSlots === 0
      ? 0
      : (measured.reduce((n, e) => n + e.finalBlocks, 0) * p.options.txsPerBlock) / (measuredSlots * p.slotSeconds);
  check(
    "throughput",
    measuredSlots > 0 && tps >= p.tpsGoal,
    round(tps, 4),
    `≥ ${p.tpsGoal} TPS`,
    measuredSlots === 0
      ? "every epoch was stalled or pruned by an injected fault: nothing to measure"
      : `${round(tps, 4)} transactions per second on the final chain over ${measuredSlots} slots` +
          (measured.length < p.outcomes.length
            ? ` (${p.outcomes.length - measured.length} epochs stalled or pruned by injected faults left out)`
            : ""),
  );

  check(
    "stateMatchesResync",
    p.consistency.checked > 0 && p.consistency.consistent === p.consistency.checked,
    `${p.consistency.consistent}/${p.consistency.checked} nodes`,
    "every checked node",
    p.consistency.differing.length > 0
      ? `the store of ${p.consistency.differing.join(", ")} differs from a fresh resync from L1`
      : "a node's store after the run equals a fresh resync from L1 (nothing lost or counted twice through reorgs and prunes)",
  );

  if (p.reorgs.length > 0) {
    const missed = p.reorgs.filter((r) => !r.detectedByAll);
    check(
      "reorgsRecovered",
      missed.length === 0,
      `${p.reorgs.length - missed.length}/${p.reorgs.length}`,
      "every injected reorg",
      missed.length === 0
        ? `every node's follower detected and rolled back each of ${p.reorgs.length} reorgs (deepest ${Math.max(...p.reorgs.map((r) => r.depth))} L1 blocks)`
        : `reorgs at slots ${missed.map((r) => r.slot).join(", ")} were not reported by every node`,
    );
  }

  if (p.options.softForkAt !== null) {
    const fork = p.softFork;
    const after = fork === null ? [] : p.records.filter((r) => r.slot >= fork.slot && r.proposed);
    const recovery = after.length === 0 || fork === null ? null : after[0].slot - fork.slot;
    check(
      "softForkRecovered",
      recovery !== null && recovery <= SOFT_FORK_RECOVERY_SLOTS,
      recovery === null ? "no block after the fork" : `${recovery} slots`,
      `≤ ${SOFT_FORK_RECOVERY_SLOTS} slots`,
      recovery === null
        ? "no block landed after the nodes upgraded and resynced"
        : `every node resynced from L1 at slot ${fork!.resyncedAtSlot}; the next block landed ${recovery} slots after the fork`,
    );
  }
  if (p.slashing.expected > 0) {
    const { expected, slashed, payloads } = p.slashing;
    check(
      "offendersSlashed",
      slashed === expected,
      `${slashed}/${expected}`,
      "every offender an injected fault made",
      slashed === expected
        ? `${payloads} slash payloads executed; every equivocator and every member of a pruned epoch's committee was slashed`
        : `${expected - slashed} offenders were not slashed by the end of the run (a slash round, its quorum and the veto delay take at least three rounds: give the run more slots or shorter rounds with --parameters)`,
    );
  }
  if (p.hardFork !== null) {
    const f = p.hardFork;
    const pass = f.executedAtSlot !== null && f.firstBlockOnNewRollupSlot !== null && f.newRollupEpochsProven > 0;
    check(
      "hardForkSucceeded",
      pass,
      f.executedAtSlot === null ? f.stage : `v2 from slot ${f.firstBlockOnNewRollupSlot ?? "—"}`,
      "executed; validators producing and proving on the new Rollup",
      f.failure !== null
        ? `the upgrade failed while ${f.stage}: ${f.failure}`
        : f.executedAtSlot === null
          ? `the upgrade was still ${f.stage} when the run ended (signal round, voting delay and period, timelock: give the run more slots or shorter periods with --parameters)`
          : f.firstBlockOnNewRollupSlot === null
            ? `executed at slot ${f.executedAtSlot}, but no block landed on the new Rollup`
            : `executed at slot ${f.executedAtSlot}; the first v2 block landed at slot ${f.firstBlockOnNewRollupSlot}; ${f.newRollupEpochsProven} v2 epochs proven`,
    );
  }
  const kills = p.processFaults?.kills;
  if (kills !== undefined && kills.injected > 0)
    check(
      "killedProcessesRecovered",
      kills.recovered === kills.injected,
      `${kills.recovered}/${kills.injected}`,
      "every SIGKILLed process",
      kills.recovered === kills.injected
        ? `each of ${kills.injected} killed validator processes restarted on its store and its follower caught up with L1`
        : `${kills.injected - kills.recovered} killed processes had not caught up with L1 by the end of the run`,
    );
  const cut = p.processFaults?.partition;
  if (cut != null) {
    const { majorityProposerSlots: slots, majorityBlocks: blocks } = cut;
    check(
      "partitionTolerated",
      cut.healed && slots > 0 && blocks === slots,
      `${blocks}/${slots} slots`,
      "a block in every partitioned slot whose proposer was on the majority side",
      `${cut.process} was cut off for slots ${cut.fromSlot}..${cut.toSlot}${cut.healed ? " and healed" : " and not healed"}; ` +
        (slots === 0
          ? "no slot of the range had its proposer on the majority side (give the partition more slots)"
          : `the majority side produced ${blocks} of the ${slots} blocks its proposers were due`),
    );
  }
  return checks;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const pct = (x: number) => `${Math.round(x * 100)} %`;
