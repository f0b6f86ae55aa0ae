import type { Hex } from "viem";
import { NodeError } from "../NodeError.js";
import { DATA_TABLE_NAMES } from "../store/schema.js";
import type { L1BlockRef, Rows } from "../store/types.js";
import { ChainDataError } from "../../errors/BaseError.js";

export type Header = { number: bigint; hash: Hex; parentHash: Hex; timestamp: bigint };

/** The chain changed under a read (a log's block hash no longer matches): re-run the step. */
export class ChainMoved extends ChainDataError {
  constructor() {
    super("L1 kept changing under the follower's reads (a header's parent or a log's block hash did not match)");
  }
}

export function checkContinuity(headers: Map<bigint, Header>, tip: L1BlockRef | undefined): void {
  for (const [n, h] of headers) {
    const parent = headers.get(n - 1n)?.hash ?? (tip?.number === n - 1n ? tip.hash : undefined);
    if (parent !== undefined && h.parentHash !== parent) throw new ChainMoved();
  }
}

export function isRangeRefusal(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ""} ${(error as { details?: string })?.details ?? ""}`;
  return /block range|too many|too large|limit exceeded|exceeds? .*range|10000 results/i.test(text);
}

/** Rows a rollback removed: those read earlier in this step are taken out of `added`, the rest are dropped. */
export function mergeDropped(dropped: Rows, added: Rows, rolled: Rows, ancestor: bigint): void {
  for (const t of DATA_TABLE_NAMES) {
    type At = { l1Block: bigint; logIndex: number };
    const keyOf = (r: At) => `${r.l1Block}:${r.logIndex}`;
    const freshKeys = new Set((added[t] as At[]).filter((r) => r.l1Block > ancestor).map(keyOf));
    (added[t] as unknown[]) = (added[t] as { l1Block: bigint }[]).filter((r) => r.l1Block <= ancestor);
    for (const r of rolled[t] as At[]) if (!freshKeys.has(keyOf(r))) (dropped[t] as unknown[]).push(r);
  }
}

export function beyondHorizon(depth: bigint, horizon: number, common: L1BlockRef): NodeError {
  return new NodeError(
    "ReorgBeyondHorizon",
    `L1 reorganised ${depth} blocks deep, beyond the horizon of ${horizon}; last common block ${common.number} (${common.hash}); the follower stopped.`,
    `a reorg of at most ${horizon} L1 blocks`,
    `${depth} blocks`,
  );
}
