import type { Address, PublicClient } from "viem";
import type { SlashEntry } from "../node/slasher/buildPayload.js";
import { epochOf, slotAt, type SlotClock } from "../chain/time.js";
import { epochOutcomes, gateChecks } from "./gate.js";
import { PHASE_PROFILES, type SimulationOptions } from "./options.js";
import type { RollupNode } from "../node/RollupNode.js";
import type { EpochProofRow, L2BlockRow, PruneRow } from "../node/store/types.js";
import type { SimulatedHardFork } from "./SimulatedHardFork.js";
import type { FaultCounts, SimulationReport, SlotEvent, SlotRecord } from "./types.js";

/** What the run loop wrote down as it went (everything else is read from node 0's store at the end). */
export type RunLog = {
  options: SimulationOptions;
  firstSlot?: number;
  committeeSize?: number;
  /** Committee seats (slot, validator) that were offline when asked to propose or attest. */
  offlineSeats?: number;
  /** Tips as node 0's follower saw them at the end of each slot. */
  slots: { slot: number; pendingTip: number; provenTip: number; version: number }[];
  reorgs: { slot: number; depth: number; detectedByAll: boolean; l2BlocksDropped: number }[];
  withheld: { slot: number; blockNumber: number }[];
  equivocations: { slot: number; attester: Address }[];
  /** Slash payloads executed, as the node that executed them saw them. */
  slashes: { slot: number; payload: Address; entries: SlashEntry[]; offences: string[] }[];
  softFork: { slot: number; resyncedAtSlot: number } | null;
  hardFork?: { atSlot: number; fork: SimulatedHardFork; switchedAtSlot: number | null };
  /** Process mode's faults, as the run loop counted them. */
  processFaults?: {
    kills: FaultCounts;
    partition: NonNullable<SimulationReport["faults"]["partition"]> | null;
    /** Kills, restarts, the partition and its healing, at the slot each happened in. */
    events: (SlotEvent & { slot: number })[];
  };
  fatal: string | null;
};

/**
 * What `summarize` reads besides the log: the store each Rollup's chain is read from, and the check of node
 * state against a resync. The simulator's network gives its nodes; a process testnet the stores its processes
 * left on disk (`processSummarySource`).
 */
export type SummarySource = {
  /** The node holding each Rollup's chain: v1 (the retired node after a hard fork), then v2. */
  chains: { version: number; node: Pick<RollupNode, "store" | "reader"> }[];
  /** How many nodes were compared with a fresh resync from L1 and how many were equal (`all` false: the prover's). */
  /** `differing`: the names of the nodes whose store differs from the resync. */
  consistency: (all: boolean) => Promise<{ checked: number; consistent: number; differing: string[] }>;
};

const GAS_PER_BLOB = 131_072n;

/** Runs of at most this many slots check every node against a resync; longer ones check only the prover's. */
const CHECK_ALL_NODES_UP_TO = 256;

/**
 * Turns a run's log and its nodes' final state into the timeline and the report: proposals, gas and blob gas
 * (from their receipts), proofs and prunes as L1 holds them at the end; then checks node state against a fresh
 * resync and evaluates the phase's gate.
 */
export async function summarize(p: {
  log: RunLog;
  source: SummarySource;
  client: PublicClient;
  clock: SlotClock;
  startedMs: number;
  /** The committee of `epoch` on Rollup `version` (1, or 2 after a hard fork). */
  committeeOf: (version: number, epoch: bigint) => Promise<readonly Address[]>;
}): Promise<{ report: SimulationReport; timeline: SlotRecord[] }> {
  const { log, client, clock } = p;
  const o = log.options;
  const { chains } = p.source;

  const timeline = new Map<number, SlotRecord>();
  for (const s of log.slots)
    timeline.set(s.slot, {
      slot: s.slot,
      epoch: Number(epochOf(clock, BigInt(s.slot))),
      proposed: false,
      pendingTip: s.pendingTip,
      provenTip: s.provenTip,
      l1Gas: null,
      blobGas: null,
      txs: 0,
      rollupVersion: s.version,
      events: [],
    });
  const mark = (slot: number | null, event: SlotEvent) => {
    if (slot !== null) timeline.get(slot)?.events.push(event);
  };

  const perChain: {
    version: number;
    reader: RollupNode["reader"];
    blocks: L2BlockRow[];
    final: L2BlockRow[];
    proofs: EpochProofRow[];
    prunes: PruneRow[];
  }[] = [];
  for (const { version, node } of chains) {
    const { store, reader } = node;
    const slotOfL1 = (l1Block: bigint) => {
      const ts = store.l1Block(l1Block)?.timestamp;
      return ts === null || ts === undefined ? null : Number(slotAt(clock, ts));
    };
    const blocks = store.rows("l2Blocks").filter((r) => timeline.has(Number(r.slot)));
    for (const row of blocks) {
      const receipt = await client.getTransactionReceipt({ hash: row.txHash });
      Object.assign(timeline.get(Number(row.slot))!, {
        proposed: true,
        l1Gas: Number(receipt.gasUsed),
        // EIP-4844: 2^17 blob gas per blob (the receipt's own figure when the node reports one).
        blobGas: Number(receipt.blobGasUsed ?? BigInt(row.versionedHashes.length) * GAS_PER_BLOB),
        txs: o.txsPerBlock,
      });
    }
    const proofs = store.rows("epochProofs");
    const prunes = store.rows("prunes");
    for (const proof of proofs)
      mark(slotOfL1(proof.l1Block), {
        kind: "proof",
        detail: `v${version} epoch ${proof.epoch}: blocks ${proof.startBlock}..${proof.endBlock}`,
      });
    for (const prune of prunes)
      mark(slotOfL1(prune.l1Block), {
        kind: "prune",
        detail: `v${version} epoch ${prune.epoch}: pending ${prune.prunedPendingTip} back to ${prune.provenTip}`,
      });
    const final = blocks.filter((b) => reader.block(b.blockNumber)?.archive === b.archive);
    perChain.push({ version, reader, blocks, final, proofs, prunes });
  }
  for (const r of log.reorgs)
    mark(r.slot, { kind: "reorg", detail: `depth ${r.depth} L1 blocks, ${r.l2BlocksDropped} L2 blocks dropped` });
  for (const w of log.withheld) mark(w.slot, { kind: "withheld", detail: `block ${w.blockNumber}: blobs withheld` });
  if (log.softFork !== null) mark(log.softFork.slot, { kind: "softFork", detail: "nodes upgraded and resynced" });
  for (const x of log.slashes)
    mark(x.slot, {
      kind: "slash",
      detail: `${x.entries.length} validators slashed (${[...new Set(x.offences)].join(", ")})`,
    });
  const fork = log.hardFork?.fork;
  if (fork?.executedAtSlot !== undefined) mark(fork.executedAtSlot, { kind: "hardFork", detail: "executed" });
  if (log.hardFork?.switchedAtSlot != null)
    mark(log.hardFork.switchedAtSlot, { kind: "hardFork", detail: "nodes moved to Rollup v2" });
  for (const { slot, kind, detail } of log.processFaults?.events ?? []) mark(slot, { kind, detail });
  const records = [...timeline.values()];

  // Nothing lost or counted twice: each node's state equals a resync from L1.
  const consistency =
    log.fatal === null
      ? await p.source.consistency(records.length <= CHECK_ALL_NODES_UP_TO)
      : { checked: 0, consistent: 0, differing: [] };

  const outcomes = perChain.flatMap((c) =>
    epochOutcomes({
      records: records.filter((r) => r.rollupVersion === c.version),
      clock,
      proofs: c.proofs,
      prunes: c.prunes,
      log,
      finalSlots: new Set(c.final.map((b) => Number(b.slot))),
    }),
  );
  const blocks = perChain.flatMap((c) => c.blocks);
  const proofs = perChain.flatMap((c) => c.proofs);
  const prunes = perChain.flatMap((c) => c.prunes);
  const finalBlocks = perChain.reduce((n, c) => n + c.final.length, 0);
  const gasOf = records.flatMap((r) => (r.l1Gas === null ? [] : [r.l1Gas]));
  const blobGas = records.flatMap((r) => (r.blobGas === null ? [] : [r.blobGas]));
  const tps = records.length === 0 ? 0 : (finalBlocks * o.txsPerBlock) / (records.length * Number(clock.slotDuration));
  const lags = records.map((r) => {
    const reader = perChain.find((c) => c.version === r.rollupVersion)?.reader ?? perChain[0].reader;
    // Before a chain's first proof, the lag counts from its first slot in the run (v2's, after a hard fork).
    const chainStart = records.find((x) => x.rollupVersion === r.rollupVersion)!.slot;
    const provenSlot = r.provenTip === 0 ? chainStart : Number(reader.block(BigInt(r.provenTip))?.slot ?? chainStart);
    return r.slot - Math.min(provenSlot, r.slot);
  });
  const v2 = perChain.find((c) => c.version === 2);
  const hardFork =
    log.hardFork === undefined
      ? null
      : {
          atSlot: log.hardFork.atSlot,
          stage: log.hardFork.fork.stage,
          failure: log.hardFork.fork.failure ?? null,
          executedAtSlot: log.hardFork.fork.executedAtSlot ?? null,
          firstBlockOnNewRollupSlot: v2?.blocks.length ? Number(v2.blocks[0].slot) : null,
          newRollupEpochsProven: new Set(v2?.proofs.map((x) => x.epoch) ?? []).size,
        };
  // Offenders the run's faults made: every equivocator, and the committee of every epoch pruned after a fault.
  const expected = new Set(log.equivocations.map((e) => e.attester.toLowerCase()));
  for (const c of perChain)
    for (const prune of c.prunes) {
      const outcome = outcomes.find((e) => e.epoch === Number(prune.epoch) && e.status === "pruned");
      if (outcome !== undefined && (outcome.withheld || outcome.proverDown))
        for (const a of await p.committeeOf(c.version, prune.epoch)) expected.add(a.toLowerCase());
    }
  const slashed = new Set(log.slashes.flatMap((x) => x.entries.map((e) => e.attester.toLowerCase())));
  const checks = gateChecks({
    phase: o.phase,
    options: o,
    records,
    outcomes,
    slotSeconds: Number(clock.slotDuration),
    tpsGoal: PHASE_PROFILES[o.phase].tps,
    fatal: log.fatal,
    consistency,
    hardFork,
    reorgs: log.reorgs,
    softFork: log.softFork,
    processFaults: log.processFaults ?? null,
    slashing: {
      expected: expected.size,
      slashed: [...expected].filter((a) => slashed.has(a)).length,
      payloads: log.slashes.length,
    },
  });
  const report: SimulationReport = {
    phase: o.phase,
    seed: o.seed,
    network: o.network,
    slots: records.length,
    epochs: new Set(records.map((r) => r.epoch)).size,
    validators: o.validators,
    committeeSize: log.committeeSize ?? 0,
    nodes: o.nodes,
    txsPerBlock: o.txsPerBlock,
    blocksProposed: blocks.length,
    missedSlots: records.filter((r) => !r.proposed).length,
    epochsProven: new Set(proofs.map((x) => x.epoch)).size,
    prunes: prunes.length,
    reorgsInjected: log.reorgs.length,
    reorgsRecovered: log.reorgs.filter((r) => r.detectedByAll).length,
    provenTipLagSlots: { max: Math.max(0, ...lags), mean: round(mean(lags)) },
    l1GasPerBlock: { mean: Math.round(mean(gasOf)), p95: percentile(gasOf, 0.95) },
    blobGasPerBlock: { mean: Math.round(mean(blobGas)) },
    tps: round(tps, 4),
    faults: {
      reorgs: {
        injected: log.reorgs.length,
        recovered: log.reorgs.filter((r) => r.detectedByAll).length,
        maxDepth: Math.max(0, ...log.reorgs.map((r) => r.depth)),
      },
      offline: { validatorSlots: log.offlineSeats ?? 0 },
      proverDown: { epochs: o.proverDown === null ? 0 : o.proverDown.to - o.proverDown.from + 1 },
      withheld: {
        injected: log.withheld.length,
        recovered: outcomes.filter((e) => e.withheld && e.status !== "unproven").length,
      },
      equivocations: {
        injected: log.equivocations.length,
        recovered: log.equivocations.filter((e) => slashed.has(e.attester.toLowerCase())).length,
      },
      softFork: { atSlot: log.softFork?.slot ?? null, resyncedAtSlot: log.softFork?.resyncedAtSlot ?? null },
      hardFork: {
        atSlot: hardFork?.atSlot ?? null,
        executedAtSlot: hardFork?.executedAtSlot ?? null,
        firstBlockOnNewRollupSlot: hardFork?.firstBlockOnNewRollupSlot ?? null,
      },
      ...(log.processFaults === undefined
        ? {}
        : { processKills: log.processFaults.kills, partition: log.processFaults.partition }),
    },
    slashes: log.slashes.map((x) => ({
      slot: x.slot,
      validators: x.entries.length,
      amount: x.entries.reduce((sum, e) => sum + e.amount, 0n).toString(),
      reason: [...new Set(x.offences)].join(", "),
    })),
    fatal: log.fatal,
    gate: checks.every((c) => c.pass) ? "pass" : "fail",
    checks,
    wallSeconds: round((performance.now() - p.startedMs) / 1000, 1),
  };
  return { report, timeline: records };
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The nearest-rank percentile (0 for no values). */
function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
