import type { Hex } from "viem";
import { InvalidParameterError } from "../../errors/BaseError.js";
import { createProverClient, type ProverClientParameters, type ProverTick } from "../../prover/proverClient.js";
import type { BlobSource } from "../blobs/types.js";
import type { NodeStore } from "../store/NodeStore.js";
import type { FollowerChainReader } from "./followerChainReader.js";

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
  const cache = new Map<Hex, Hex>();
  const client = createProverClient({
    ...p,
    blobOf: (versionedHash) => {
      const blob = cache.get(versionedHash);
      if (blob === undefined)
        throw new InvalidParameterError("No blob for a versioned hash.", {
          expected: "a blob of an unproven block the node's blob source served",
          given: versionedHash,
        });
      return blob;
    },
  });
  return {
    async tick(): Promise<ProverTick> {
      const { proven, pending } = await p.reader.tips();
      for (let n = proven + 1n; n <= pending; n++) {
        const row = p.reader.block(n)!;
        if (row.versionedHashes.every((h) => cache.has(h))) continue;
        const l1 = p.store.l1Block(row.l1Block);
        const blobs = await p.blobs.blobsFor({
          l1BlockNumber: row.l1Block,
          l1BlockHash: l1?.hash ?? "0x",
          l1Timestamp: l1?.timestamp ?? 0n,
          versionedHashes: row.versionedHashes,
        });
        blobs.forEach((b, i) => cache.set(row.versionedHashes[i], b.blob));
      }
      return client.tick();
    },
  };
}
