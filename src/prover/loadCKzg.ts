import { getCKzg } from "../blob/kzg.js";

/** The c-kzg functions the prover uses (a subset of the `c-kzg` module). */
export type CKzg = {
  blobToKzgCommitment(blob: Uint8Array): Uint8Array;
  computeKzgProof(blob: Uint8Array, zBytes: Uint8Array): [Uint8Array, Uint8Array];
  computeBlobKzgProof(blob: Uint8Array, commitment: Uint8Array): Uint8Array;
  verifyKzgProof(commitment: Uint8Array, zBytes: Uint8Array, yBytes: Uint8Array, proof: Uint8Array): boolean;
};

/** c-kzg with the trusted setup loaded once per process (shared with the sequencer's blob encoder). */
export function loadCKzg(): CKzg {
  return getCKzg();
}
