import type { Hex } from "viem";
import { canonicalJson } from "../store/canonicalJson.js";
import { DATA_TABLE_NAMES, type DataTable } from "../store/schema.js";
import type { Finality, L2BlockRow, RowOf, Rows } from "../store/types.js";
import type { PrunePrediction } from "./prunePrediction.js";

/** Rows a step added and dropped; `moved`: the same event re-included in another L1 block (old, new). */
export type Change<R> = { added: R[]; dropped: R[]; moved: { before: R; after: R }[] };

/** What one `sync()` changed. */
export type FollowReport = {
  /** The L1 head it followed to and the store's tip after it. */
  head: { number: bigint; hash: Hex };
  finality: Finality;
  /** Set when L1 reorganised: how many stored L1 blocks were replaced, and the last block both branches share. */
  reorg: { depth: bigint; commonAncestor: { number: bigint; hash: Hex } } | null;
  /** L1 blocks read in this step. */
  l1BlocksRead: bigint;
  /** `replaced`: an L2 block number dropped and proposed again with another archive in the same step. */
  changes: { [T in DataTable]: Change<RowOf[T]> } & {
    l2Blocks: { replaced: { before: L2BlockRow; after: L2BlockRow }[] };
  };
  /** Pending L2 blocks stored `unavailable` whose blobs this step had on a re-check: now `available`. */
  blobsRecovered: bigint[];
  /**
   * The prune the stored chain heads for (its first unproven epoch and the deadline from which
   * `Rollup.canPruneAtTime` is true); `due`: a prune in the next L1 block would succeed. Null: nothing unproven.
   */
  prune: (PrunePrediction & { due: boolean }) | null;
  rpcCalls: number;
};

/** The identity of an event, independent of where on L1 it landed. */
function contentKey(row: object): string {
  const {
    l1Block: _b,
    logIndex: _i,
    txHash: _t,
    availability: _a,
    availabilityReason: _r,
    ...rest
  } = row as Record<string, unknown>;
  return canonicalJson(rest);
}

/** Nets the rows a rollback dropped against those the re-read added: equal events are `moved`, not churn. */
export function diffRows(dropped: Rows, added: Rows): FollowReport["changes"] {
  const changes = {} as Record<DataTable, Change<unknown>>;
  for (const table of DATA_TABLE_NAMES) {
    const pending = new Map<string, object[]>();
    for (const row of dropped[table]) {
      const k = contentKey(row);
      pending.set(k, [...(pending.get(k) ?? []), row]);
    }
    const change: Change<object> = { added: [], dropped: [], moved: [] };
    for (const row of added[table]) {
      const same = pending.get(contentKey(row));
      if (same !== undefined && same.length > 0) change.moved.push({ before: same.shift()!, after: row });
      else change.added.push(row);
    }
    for (const rows of pending.values()) change.dropped.push(...rows);
    changes[table] = change;
  }
  const l2 = changes.l2Blocks as Change<L2BlockRow>;
  const replaced: { before: L2BlockRow; after: L2BlockRow }[] = [];
  for (const after of [...l2.added]) {
    const before = l2.dropped.find((d) => d.blockNumber === after.blockNumber);
    if (before === undefined) continue;
    replaced.push({ before, after });
    l2.dropped.splice(l2.dropped.indexOf(before), 1);
    l2.added.splice(l2.added.indexOf(after), 1);
  }
  return { ...changes, l2Blocks: { ...l2, replaced } } as FollowReport["changes"];
}
