// The KZG worker process of `KzgWorkerEncoder`: loads c-kzg with the mainnet trusted setup once, then answers
// each request (the blobs of one block, as bytes) with their commitments and EIP-4844 blob proofs. A separate
// process, not a worker thread: c-kzg aborts the whole process when a thread is stopped inside a call.
"use strict";
const kzg = require("c-kzg");

kzg.loadTrustedSetup(0);
process.on("message", ({ id, blobs }) => {
  try {
    const commitments = blobs.map((blob) => kzg.blobToKzgCommitment(blob));
    const proofs = blobs.map((blob, i) => kzg.computeBlobKzgProof(blob, commitments[i]));
    process.send({ id, commitments, proofs });
  } catch (error) {
    process.send({ id, error: String(error && error.message ? error.message : error) });
  }
});
// The parent went away (closed, crashed or killed): nothing is left to answer.
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
