import { commitmentToVersionedHash, type Hex } from "viem";
import { fastBytesToHex as bytesToHex, fastHexToBytes as hexToBytes } from "../../blob/hexBytes.js";
import { getCKzg } from "../../blob/kzg.js";
import type { SourcedBlob } from "./types.js";

const BLOB_BYTES = 131_072;

/**
 * Checks blobs against the versioned hashes L1 logged, in order: each blob's commitment (the served one, else
 * computed from the blob) must hash to its versioned hash, and served KZG proofs must verify (one batch call).
 * Returns null when everything matches, else the reason.
 */
export function verifyBlobs(blobs: readonly SourcedBlob[], versionedHashes: readonly Hex[]): string | null {
  if (blobs.length !== versionedHashes.length) return `expected ${versionedHashes.length} blobs, got ${blobs.length}`;
  const kzg = getCKzg();
  const withProof: { blob: Uint8Array; commitment: Uint8Array; proof: Uint8Array }[] = [];
  for (let i = 0; i < blobs.length; i++) {
    const blob = hexToBytes(blobs[i].blob);
    if (blob.length !== BLOB_BYTES) return `blob ${i} has ${blob.length} bytes, not ${BLOB_BYTES}`;
    let commitment: Uint8Array;
    try {
      commitment = blobs[i].commitment === undefined ? kzg.blobToKzgCommitment(blob) : hexToBytes(blobs[i].commitment!);
    } catch (error) {
      return `blob ${i} is not a valid blob: ${(error as Error).message}`;
    }
    const hash = commitmentToVersionedHash({ commitment: bytesToHex(commitment) });
    if (hash !== versionedHashes[i]) return `blob ${i}'s commitment hashes to ${hash}, not ${versionedHashes[i]}`;
    if (blobs[i].proof !== undefined) withProof.push({ blob, commitment, proof: hexToBytes(blobs[i].proof!) });
  }
  if (withProof.length === 0) return null;
  try {
    const ok = kzg.verifyBlobKzgProofBatch(
      withProof.map((b) => b.blob),
      withProof.map((b) => b.commitment),
      withProof.map((b) => b.proof),
    );
    return ok ? null : "a blob does not match its commitment (KZG proof rejected)";
  } catch (error) {
    return `KZG proof check failed: ${(error as Error).message}`;
  }
}
