import type { FollowerChainReader } from "../actors/followerChainReader.js";
import { type BlobChecker, blobQueriesOf, checkAll } from "../blobs/types.js";
import type { NodeStore } from "../store/NodeStore.js";
import type { L2BlockRow } from "../store/types.js";

/** Most unavailable blocks re-checked in one step (one KZG batch). */
export const RECHECK_LIMIT = 32;

/**
 * Checks again the blobs of the pending (not proven, not pruned) L2 blocks the store holds as `unavailable` — a
 * block proposed while this node was cut off from its peers or its blob source — and marks those whose blobs it
 * now has `available` (the row a fresh resync would store). At most `limit` blocks, the lowest first; returns the
 * L2 block numbers made available. A block whose blobs nobody serves (a withheld proposal) stays unavailable.
 */
export async function recheckUnavailable(
  store: NodeStore,
  chain: FollowerChainReader,
  checker: BlobChecker,
  limit = RECHECK_LIMIT,
): Promise<bigint[]> {
  const { proven, pending } = await chain.tips();
  const rows: L2BlockRow[] = [];
  for (let n = proven + 1n; n <= pending && rows.length < limit; n++) {
    const row = chain.block(n);
    if (row?.availability === "unavailable") rows.push(row);
  }
  if (rows.length === 0) return [];
  // Headers of blocks with rows are kept, so every row's L1 block is found (one missing is skipped).
  const located = rows.flatMap((row) => {
    const block = store.l1Block(row.l1Block);
    return block === undefined ? [] : [{ row, block, versionedHashes: row.versionedHashes }];
  });
  const results = await checkAll(checker, blobQueriesOf(located));
  const recovered: bigint[] = [];
  located.forEach(({ row }, i) => {
    if (results[i].availability !== "available") return;
    store.setAvailability(row.l1Block, row.logIndex, "available", null);
    recovered.push(row.blockNumber);
  });
  return recovered;
}
