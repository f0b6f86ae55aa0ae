import { afterEach, beforeEach, describe, it } from "mocha";
import { expect } from "chai";
import { hexToBytes, type Hex } from "viem";
import { getCKzg } from "../../src/blob/kzg.js";
import { sidecar } from "../helpers/blobSidecar.js";
import { VerifiedBlobs } from "../../src/node/blobs/VerifiedBlobs.js";
import { verifyBlobs, verifyBlobsOfBlocks } from "../../src/node/blobs/verifyBlobs.js";

describe("VerifiedBlobs: each blob checked once per node", () => {
  const kzg = getCKzg();
  const original = kzg.verifyBlobKzgProofBatch;
  let batches: number[] = [];

  beforeEach(() => {
    batches = [];
    kzg.verifyBlobKzgProofBatch = ((blobs: Uint8Array[], commitments: Uint8Array[], proofs: Uint8Array[]) => {
      batches.push(blobs.length);
      return original(blobs, commitments, proofs);
    }) as typeof original;
  });
  afterEach(() => {
    kzg.verifyBlobKzgProofBatch = original;
  });

  it("skips the KZG check of a blob the node already verified, and checks a new one", () => {
    const a = sidecar("blob a");
    const b = sidecar("blob b");
    const verified = new VerifiedBlobs();
    expect(verifyBlobs([a], [a.versionedHash], verified)).to.equal(null);
    expect(verifyBlobs([a], [a.versionedHash], verified)).to.equal(null);
    expect(
      verifyBlobsOfBlocks([{ blobs: [a, b], versionedHashes: [a.versionedHash, b.versionedHash] }], verified),
    ).to.deep.equal([{ verdict: null, commitments: [a.commitment, b.commitment] }]);
    expect(batches).to.deep.equal([1, 1]); // a once, then only b
    expect(verified.size).to.equal(2);
  });

  it("checks again, and refuses, a blob whose bytes changed under a known commitment and proof", () => {
    const a = sidecar("blob a, to be altered");
    const verified = new VerifiedBlobs();
    expect(verifyBlobs([a], [a.versionedHash], verified)).to.equal(null);
    const altered = { ...a, blob: (a.blob.slice(0, 10) + "ff" + a.blob.slice(12)) as Hex };
    expect(verifyBlobs([altered], [a.versionedHash], verified)).to.match(/KZG proof rejected/);
    expect(batches).to.deep.equal([1, 1]);
    expect(verified.size).to.equal(1); // the refused blob is not remembered
  });

  it("does not remember the blobs of a block that failed, while a passing block in the same batch is kept", () => {
    const good = sidecar("good block");
    const bad = { ...sidecar("bad block"), proof: sidecar("another").proof };
    const verified = new VerifiedBlobs();
    const verdicts = verifyBlobsOfBlocks(
      [
        { blobs: [good], versionedHashes: [good.versionedHash] },
        { blobs: [bad], versionedHashes: [bad.versionedHash] },
      ],
      verified,
    );
    expect(verdicts[0].verdict).to.equal(null);
    expect(verdicts[1].verdict).to.match(/KZG proof rejected/);
    expect(verified.has(hexToBytes(good.blob), hexToBytes(good.commitment), hexToBytes(good.proof))).to.equal(true);
    expect(verified.has(hexToBytes(bad.blob), hexToBytes(bad.commitment), hexToBytes(bad.proof))).to.equal(false);
  });

  it("forgets the oldest blobs beyond its capacity", () => {
    const verified = new VerifiedBlobs(2);
    const blobs = ["x", "y", "z"].map(sidecar);
    for (const s of blobs) verified.add(hexToBytes(s.blob), hexToBytes(s.commitment), hexToBytes(s.proof));
    const known = blobs.map((s) => verified.has(hexToBytes(s.blob), hexToBytes(s.commitment), hexToBytes(s.proof)));
    expect(known).to.deep.equal([false, true, true]);
  });
});
