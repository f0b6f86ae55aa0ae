import { describe, it } from "mocha";
import { expect } from "chai";
import type { Hex } from "viem";
import { BlobFetcher } from "../../src/node/blobs/BlobFetcher.js";
import { LocalBlobStore } from "../../src/node/blobs/LocalBlobStore.js";
import type { BlobQuery, BlobSource, SourcedBlob } from "../../src/node/blobs/types.js";
import { sidecar } from "../helpers/blobSidecar.js";

const query = (versionedHashes: Hex[]): BlobQuery => ({
  l1BlockNumber: 7n,
  l1BlockHash: `0x${"00".repeat(32)}`,
  l1Timestamp: 0n,
  versionedHashes,
});

/** A source named `name` that serves `blobs` for any query and counts how often it was asked. */
function source(name: string, blobs: SourcedBlob[]): BlobSource & { asked: number } {
  return {
    name,
    asked: 0,
    async blobsFor() {
      this.asked++;
      return blobs;
    },
  };
}

describe("node/blobs: a node keeps the blobs it had to fetch from its peers", () => {
  const a = sidecar("kept from a peer");

  it("verified blobs from a kept source go into the node's store, so the next check needs no peer", async () => {
    const own = new LocalBlobStore();
    const peers = source("p2p", [a]);
    const fetcher = new BlobFetcher([own, peers], undefined, { store: own, from: ["p2p"] });
    const first = await fetcher.check(query([a.versionedHash]));
    expect(first).to.include({ availability: "available", source: "p2p" });
    const stored = await own.blobsFor(query([a.versionedHash]));
    expect(stored.map(({ blob, commitment, proof }) => ({ blob, commitment, proof }))).to.deep.equal([
      { blob: a.blob, commitment: a.commitment, proof: a.proof },
    ]);
    const again = await fetcher.check(query([a.versionedHash]));
    expect(again).to.include({ availability: "available", source: "local" });
    expect(peers.asked).to.equal(1);
  });

  it("keeps nothing that failed its check, nor what another source served", async () => {
    const own = new LocalBlobStore();
    const other = sidecar("another blob");
    const wrong = source("p2p", [{ ...a, proof: other.proof }]);
    const beacon = source("beacon", [a]);
    const fetcher = new BlobFetcher([own, wrong, beacon], undefined, { store: own, from: ["p2p"] });
    expect(await fetcher.check(query([a.versionedHash]))).to.include({ availability: "available", source: "beacon" });
    let error: Error | undefined;
    await own.blobsFor(query([a.versionedHash])).catch((e: Error) => (error = e));
    expect(error?.message).to.match(/no blob/);
  });
});
