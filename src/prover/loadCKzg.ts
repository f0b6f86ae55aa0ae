import { createRequire } from "node:module";

/** The c-kzg functions the prover uses (a subset of the `c-kzg` module). */
export type CKzg = {
  blobToKzgCommitment(blob: Uint8Array): Uint8Array;
  computeKzgProof(blob: Uint8Array, zBytes: Uint8Array): [Uint8Array, Uint8Array];
  computeBlobKzgProof(blob: Uint8Array, commitment: Uint8Array): Uint8Array;
  verifyKzgProof(commitment: Uint8Array, zBytes: Uint8Array, yBytes: Uint8Array, proof: Uint8Array): boolean;
  loadTrustedSetup(precompute: number, filePath?: string): void;
};

let loaded: CKzg | undefined;

/**
 * Loads c-kzg with the Ethereum mainnet trusted setup, once per process (the set-up takes seconds and c-kzg
 * refuses a second load).
 */
export function loadCKzg(): CKzg {
  if (loaded !== undefined) return loaded;
  const cKzg = createRequire(import.meta.url)("c-kzg") as CKzg;
  try {
    cKzg.loadTrustedSetup(0);
  } catch (error) {
    // Another module of this process (e.g. the sequencer's blob encoder) loaded it first: reuse it.
    if (!String((error as Error).message).includes("already loaded")) throw error;
  }
  loaded = cKzg;
  return cKzg;
}
