import type { Hex } from "viem";
import type { ProverBlob } from "../../prover/batchBlobs.js";
import { InvalidParameterError } from "../../errors/BaseError.js";
import { createProverClient, type ProverClientParameters, type ProverTick } from "../../prover/proverClient.js";
import { type BlobSource, BlobSourceError } from "../blobs/types.js";
import { epochOf } from "../../chain/time.js";
import type { NodeStore } from "../store/NodeStore.js";
import type { FollowerChainReader } from "./followerChainReader.js";

/** A prover step: the client's, or a block of the next epoch whose blobs no source could serve (retried). */
export type ProverActorTick =
  ProverTick | { status: "blobsUnavailable"; epoch: bigint; blockNumber: bigint; reason: string };

export type ProverActorParameters = Omit<ProverClientParameters, "reader" | "blobOf"> & {
  store: NodeStore;
  reader: FollowerChainReader;
  /** Where the blobs of unproven blocks are had (the node's local store, a Beacon client, a `BlobFetcher`). */
  blobs: BlobSource;
};

/**
 * The prover of a node: the existing prover client (`createProverClient`) reading the chain through the
 * follower's store. Before each tick it fetches the blobs of the unproven blocks the store holds from `blobs`, so
 * the client's synchronous `blobOf` finds them. A proof a reorg dropped is gone from the store after the
 * follower's sync, the proven tip falls back, and the next tick rebuilds and resubmits while the window is open.
 */
export function createProverActor(p: ProverActorParameters) {
  const cache = new Map<Hex, ProverBlob>();
  /** Why a versioned hash's blob could not be had (this tick), and the block it belongs to. */
  const missing = new Map<Hex, { blockNumber: bigint; slot: bigint; reason: string }>();
  const client = createProverClient({
    ...p,
    blobOf: (versionedHash) => {
      const blob = cache.get(versionedHash);
      if (blob === undefined) throw new MissingBlob(versionedHash);
      return blob;
    },
  });
  return {
    async tick(): Promise<ProverActorTick> {
      const { proven, pending } = await p.reader.tips();
      missing.clear();
      // Keep only the blobs of unproven blocks: a long-running prover must not hold every blob it ever fetched
      // (a proof a reorg drops brings its blocks back as unproven, and their blobs are fetched again).
      const needed = new Set<Hex>();
      for (let n = proven + 1n; n <= pending; n++) p.reader.block(n)?.versionedHashes.forEach((h) => needed.add(h));
      for (const h of cache.keys()) if (!needed.has(h)) cache.delete(h);
      for (let n = proven + 1n; n <= pending; n++) {
        const row = p.reader.block(n)!;
        if (row.versionedHashes.every((h) => cache.has(h))) continue;
        const l1 = p.store.l1Block(row.l1Block);
        try {
          const blobs = await p.blobs.blobsFor({
            l1BlockNumber: row.l1Block,
            l1BlockHash: l1?.hash ?? "0x",
            l1Timestamp: l1?.timestamp ?? 0n,
            versionedHashes: row.versionedHashes,
          });
          // The commitments a blob check verified come along (`BlobFetcherSource`): none is computed twice.
          blobs.forEach((b, i) =>
            cache.set(
              row.versionedHashes[i],
              b.commitment === undefined ? b.blob : { blob: b.blob, commitment: b.commitment },
            ),
          );
        } catch (error) {
          if (!(error instanceof BlobSourceError)) throw error;
          for (const h of row.versionedHashes)
            missing.set(h, { blockNumber: n, slot: row.slot, reason: error.message });
        }
      }
      try {
        return await client.tick();
      } catch (error) {
        // The epoch to prove holds a block whose data no source served (withheld, or not yet served): no proof can
        // be built; say which block, and retry next tick. Blocks of later epochs do not hold this epoch up.
        if (!(error instanceof MissingBlob)) throw error;
        const why = missing.get(error.versionedHash);
        return {
          status: "blobsUnavailable",
          epoch: why === undefined ? -1n : epochOf(p.clock, why.slot),
          blockNumber: why?.blockNumber ?? -1n,
          reason: why?.reason ?? `no blob ${error.versionedHash}`,
        };
      }
    },
  };
}

/** The prover needed a blob its sources did not serve. */
class MissingBlob extends InvalidParameterError {
  constructor(readonly versionedHash: Hex) {
    super("No blob for a versioned hash.", {
      expected: "a blob of an unproven block the node's blob source served",
      given: versionedHash,
    });
  }
}
