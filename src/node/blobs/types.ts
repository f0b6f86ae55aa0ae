import type { Hex } from "viem";
import { BaseError } from "../../errors/BaseError.js";

/** The L1 block whose blob transaction carried an L2 block, and the versioned hashes the Rollup logged. */
export type BlobQuery = { l1BlockNumber: bigint; l1BlockHash: Hex; l1Timestamp: bigint; versionedHashes: Hex[] };

/**
 * A blob as a source serves it: the commitment and proof when it has them (a Beacon sidecar does), and its bytes
 * when the source holds them as bytes (the check then converts nothing: 128 KiB of hex each way per blob).
 */
export type SourcedBlob = { blob: Hex; bytes?: Uint8Array; commitment?: Hex; proof?: Hex };

/** One place blobs can be had from (the local store, a Beacon node, …). */
export interface BlobSource {
  readonly name: string;
  /** The blobs of `query`'s versioned hashes, in their order; throws `BlobSourceError` when it cannot serve them. */
  blobsFor(query: BlobQuery): Promise<SourcedBlob[]>;
}

/** The verdict on one L2 block's data; an available block's blobs come with the commitments they were checked by. */
export type BlobCheck =
  | { availability: "available"; source: string; blobs: Hex[]; commitments: Hex[] }
  | { availability: "unavailable"; reason: string };

/** What the follower asks before it stores an L2 block. */
export interface BlobChecker {
  check(query: BlobQuery): Promise<BlobCheck>;
  /** `check` for several blocks (their proofs verified in one batch), one verdict per query, in order. */
  checkMany?(queries: readonly BlobQuery[]): Promise<BlobCheck[]>;
}

/** `BlobQuery`s for a checker: each L2 block's versioned hashes with the L1 block that logged it. */
export function blobQueriesOf(
  items: readonly { block: { number: bigint; hash: Hex; timestamp?: bigint | null }; versionedHashes: Hex[] }[],
): BlobQuery[] {
  return items.map(({ block, versionedHashes }) => ({
    l1BlockNumber: block.number,
    l1BlockHash: block.hash,
    l1Timestamp: block.timestamp ?? 0n,
    versionedHashes,
  }));
}

/** Every query's verdict: in one batch when the checker can (`checkMany`), else one by one. */
export function checkAll(checker: BlobChecker, queries: readonly BlobQuery[]): Promise<BlobCheck[]> {
  return checker.checkMany === undefined
    ? Promise.all(queries.map((q) => checker.check(q)))
    : checker.checkMany(queries);
}

/** A source could not serve the blobs (not found, timed out, malformed answer). */
export class BlobSourceError extends BaseError {
  override name = "BlobSourceError";

  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source}: ${reason}`);
  }
}
