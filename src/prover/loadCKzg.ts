import { createRequire } from "node:module";
import { getKzg } from "../blob/kzg.js";

/** The c-kzg functions the prover uses (a subset of the `c-kzg` module). */
export type CKzg = {
  blobToKzgCommitment(blob: Uint8Array): Uint8Array;
  computeKzgProof(blob: Uint8Array, zBytes: Uint8Array): [Uint8Array, Uint8Array];
  computeBlobKzgProof(blob: Uint8Array, commitment: Uint8Array): Uint8Array;
  verifyKzgProof(commitment: Uint8Array, zBytes: Uint8Array, yBytes: Uint8Array, proof: Uint8Array): boolean;
};

/**
 * The raw c-kzg module with the trusted setup loaded. The set-up is loaded once per process by the shared
 * `getKzg()` (src/blob/kzg.ts); the prover needs c-kzg's `computeKzgProof`, which viem's `Kzg` does not expose.
 */
export function loadCKzg(): CKzg {
  getKzg();
  return createRequire(import.meta.url)("c-kzg") as CKzg;
}
