import { describe, it } from "mocha";
import { expect } from "chai";
import { sidecar } from "../helpers/blobSidecar.js";
import { verifyBlobsOfBlocks } from "../../src/node/blobs/verifyBlobs.js";

describe("verifyBlobs: a blob is bound to its versioned hash whatever a source serves with it", () => {
  const a = sidecar("blob a");
  const b = sidecar("blob b");

  it("rejects other bytes served with the right commitment but no proof (the commitment is computed)", () => {
    const [check] = verifyBlobsOfBlocks([
      { blobs: [{ blob: b.blob, commitment: a.commitment }], versionedHashes: [a.versionedHash] },
    ]);
    expect(check.verdict).to.match(/commitment hashes to .* not /);
  });

  it("accepts the bytes alone, or with commitment and proof, and returns the commitment it checked", () => {
    const checks = verifyBlobsOfBlocks([
      { blobs: [{ blob: a.blob }], versionedHashes: [a.versionedHash] },
      { blobs: [{ blob: b.blob, commitment: b.commitment, proof: b.proof }], versionedHashes: [b.versionedHash] },
    ]);
    expect(checks).to.deep.equal([
      { verdict: null, commitments: [a.commitment] },
      { verdict: null, commitments: [b.commitment] },
    ]);
  });

  it("returns no commitments with a refusal", () => {
    const [check] = verifyBlobsOfBlocks([
      { blobs: [{ blob: a.blob, commitment: a.commitment, proof: b.proof }], versionedHashes: [a.versionedHash] },
    ]);
    expect(check).to.deep.equal({
      verdict: "a blob does not match its commitment (KZG proof rejected)",
      commitments: [],
    });
  });
});
