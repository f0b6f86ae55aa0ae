import type { PublicClient } from "viem";
import { epochOf, slotAt, type SlotClock } from "../chain/time.js";
import { epochOutcomes, gateChecks } from "./gate.js";
import { PHASE_PROFILES, type SimulationOptions } from "./options.js";
import type { SimulatedNetwork } from "./SimulatedNetwork.js";
import type { SimulationReport, SlotEvent, SlotRecord } from "./types.js";

/** What the run loop wrote down as it went (everything else is read from node 0's store at the end). */
export type RunLog = {
  options: SimulationOptions;
  firstSlot?: number;
  committeeSize?: number;
  /** Committee seats (slot, validator) that were offline when asked to propose or attest. */
  offlineSeats?: number;
  /** Tips as node 0's follower saw them at the end of each slot. */
  slots: { slot: number; pendingTip: number; provenTip: number }[];
  reorgs: { slot: number; depth: number; detectedByAll: boolean; l2BlocksDropped: number }[];
  withheld: { slot: number; blockNumber: number }[];
  softFork: { slot: number; resyncedAtSlot: number } | null;
  fatal: string | null;
};

const GAS_PER_BLOB = 131_072n;

/** Runs of at most this many slots check every node against a resync; longer ones check node 0 (it proves). */
const CHECK_ALL_NODES_UP_TO = 256;

/**
 * Turns a run's log and its nodes' final state into the timeline and the report: proposals, gas and blob gas
 * (from their receipts), proofs and prunes as L1 holds them at the end; then checks node state against a fresh
 * resync and evaluates the phase's gate.
 */
export async function summarize(p: {
  log: RunLog;
  net: SimulatedNetwork;
  client: PublicClient;
  clock: SlotClock;
  startedMs: number;
}): Promise<{ report: SimulationReport; timeline: SlotRecord[] }> {
  const { log, net, client, clock } = p;
  const o = log.options;
  const store = net.nodes[0].store;
  const slotOfL1 = (l1Block: bigint) => {
    const ts = store.l1Block(l1Block)?.timestamp;
    return ts === null || ts === undefined ? null : Number(slotAt(clock, ts));
  };

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
      rollupVersion: 1,
      events: [],
    });
  const mark = (slot: number | null, event: SlotEvent) => {
    if (slot !== null) timeline.get(slot)?.events.push(event);
  };

  const blocks = store.rows("l2Blocks").filter((r) => timeline.has(Number(r.slot)));
  for (const row of blocks) {
    const record = timeline.get(Number(row.slot))!;
    const receipt = await client.getTransactionReceipt({ hash: row.txHash });
    Object.assign(record, {
      proposed: true,
      l1Gas: Number(receipt.gasUsed),
      // EIP-4844: 2^17 blob gas per blob (the receipt's own figure when the node reports one).
      blobGas: Number(receipt.blobGasUsed ?? BigInt(row.versionedHashes.length) * GAS_PER_BLOB),
      txs: o.txsPerBlock,
    });
  }
  for (const proof of store.rows("epochProofs"))
    mark(slotOfL1(proof.l1Block), {
      kind: "proof",
      detail: `epoch ${proof.epoch}: blocks ${proof.startBlock}..${proof.endBlock}`,
    });
  for (const prune of store.rows("prunes"))
    mark(slotOfL1(prune.l1Block), {
      kind: "prune",
      detail: `epoch ${prune.epoch}: pending ${prune.prunedPendingTip} back to ${prune.provenTip}`,
    });
  for (const r of log.reorgs)
    mark(r.slot, { kind: "reorg", detail: `depth ${r.depth} L1 blocks, ${r.l2BlocksDropped} L2 blocks dropped` });
  for (const w of log.withheld) mark(w.slot, { kind: "withheld", detail: `block ${w.blockNumber}: blobs withheld` });
  if (log.softFork !== null) mark(log.softFork.slot, { kind: "softFork", detail: "nodes upgraded and resynced" });
  const records = [...timeline.values()];

  // Nothing lost or counted twice: each node's state equals a resync from L1.
  const checked = net.nodes.length === 0 || records.length > CHECK_ALL_NODES_UP_TO ? [0] : net.nodes.map((_, k) => k);
  let consistentNodes = 0;
  if (log.fatal === null)
    for (const k of checked) if ((await net.resyncDump(k)) === net.nodes[k].store.dump()) consistentNodes++;

  const proofs = store.rows("epochProofs");
  const prunes = store.rows("prunes");
  const final = blocks.filter((b) => net.nodes[0].reader.block(b.blockNumber)?.archive === b.archive);
  const outcomes = epochOutcomes({
    records,
    clock,
    proofs,
    prunes,
    log,
    finalSlots: new Set(final.map((b) => Number(b.slot))),
  });
  const gasOf = records.flatMap((r) => (r.l1Gas === null ? [] : [r.l1Gas]));
  const blobGas = records.flatMap((r) => (r.blobGas === null ? [] : [r.blobGas]));
  const tps = records.length === 0 ? 0 : (final.length * o.txsPerBlock) / (records.length * Number(clock.slotDuration));
  const lags = records.map((r) => {
    const provenSlot =
      r.provenTip === 0
        ? log.firstSlot!
        : Number(net.nodes[0].reader.block(BigInt(r.provenTip))?.slot ?? log.firstSlot!);
    return r.slot - Math.min(provenSlot, r.slot);
  });
  const checks = gateChecks({
    phase: o.phase,
    options: o,
    records,
    outcomes,
    slotSeconds: Number(clock.slotDuration),
    tpsGoal: PHASE_PROFILES[o.phase].tps,
    fatal: log.fatal,
    consistency: { checked: checked.length, consistent: consistentNodes },
    reorgs: log.reorgs,
    softFork: log.softFork,
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
      equivocations: { injected: 0, recovered: 0 },
      softFork: { atSlot: log.softFork?.slot ?? null, resyncedAtSlot: log.softFork?.resyncedAtSlot ?? null },
      hardFork: { atSlot: null, executedAtSlot: null, firstBlockOnNewRollupSlot: null },
    },
    slashes: [],
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
