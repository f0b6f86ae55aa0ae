import { commitmentToVersionedHash, type Hex } from "viem";
import { fastBytesToHex as bytesToHex, fastHexToBytes as hexToBytes } from "../../blob/hexBytes.js";
import { getCKzg } from "../../blob/kzg.js";
import type { SourcedBlob } from "./types.js";
import type { VerifiedBlobs } from "./VerifiedBlobs.js";

const BLOB_BYTES = 131_072;

type WithProof = { blob: Uint8Array; commitment: Uint8Array; proof: Uint8Array };

/**
 * Checks blobs against the versioned hashes L1 logged, in order: each blob's commitment (the served one when a
 * proof comes with it, else computed from the blob) must hash to its versioned hash, and served KZG proofs must
 * verify (one batch call). Returns null when everything matches, else the reason. Proofs `verified` already
 * holds are not checked again.
 */
export function verifyBlobs(
  blobs: readonly SourcedBlob[],
  versionedHashes: readonly Hex[],
  verified?: VerifiedBlobs,
): string | null {
  return verifyBlobsOfBlocks([{ blobs, versionedHashes }], verified)[0].verdict;
}

/** A block's blob check: null or the reason it failed, and (when it passed) each blob's checked commitment. */
export type BlobsVerdict = { verdict: string | null; commitments: Hex[] };

/**
 * `verifyBlobs` for several blocks at once: the commitments checked per block, then every served proof of every
 * block in one c-kzg batch (the pairing check is shared); only when that batch fails is each block's batch
 * verified alone, to name the block. One verdict per block, in order, with the commitments that passed (the
 * prover reuses them instead of computing them again). With `verified`, proofs it holds are skipped and the ones
 * that pass are added to it.
 */
export function verifyBlobsOfBlocks(
  blocks: readonly { blobs: readonly SourcedBlob[]; versionedHashes: readonly Hex[] }[],
  verified?: VerifiedBlobs,
): BlobsVerdict[] {
  const verdicts: (string | null)[] = [];
  const commitments: Hex[][] = [];
  const proofs: WithProof[][] = [];
  for (const { blobs, versionedHashes } of blocks) {
    const checked = checkCommitments(blobs, versionedHashes);
    verdicts.push(typeof checked === "string" ? checked : null);
    commitments.push(typeof checked === "string" ? [] : checked.commitments);
    const unseen =
      typeof checked === "string"
        ? []
        : checked.withProof.filter((b) => verified?.has(b.blob, b.commitment, b.proof) !== true);
    proofs.push(unseen);
  }
  const remember = (items: readonly WithProof[]) => {
    for (const b of items) verified?.add(b.blob, b.commitment, b.proof);
  };
  const result = (final: (string | null)[]) =>
    final.map((verdict, i) => ({ verdict, commitments: verdict === null ? commitments[i] : [] }));
  const all = proofs.flat();
  if (all.length === 0) return result(verdicts);
  const together = verifyBatch(all);
  if (together === null) {
    remember(all);
    return result(verdicts);
  }
  const checked = proofs.filter((p) => p.length > 0).length;
  return result(
    verdicts.map((v, i) => {
      if (v !== null || proofs[i].length === 0) return v;
      // One block in the batch: its verdict is the batch's (no second check).
      const verdict = checked === 1 ? together : verifyBatch(proofs[i]);
      if (verdict === null) remember(proofs[i]);
      return verdict;
    }),
  );
}

/**
 * Each blob's commitment against its versioned hash: every blob's commitment and those with served proofs, or
 * the reason of a mismatch. A served commitment counts only with its proof: without one nothing binds it to the
 * bytes, so the commitment is computed from them.
 */
function checkCommitments(
  blobs: readonly SourcedBlob[],
  versionedHashes: readonly Hex[],
): { commitments: Hex[]; withProof: WithProof[] } | string {
  if (blobs.length !== versionedHashes.length) return `expected ${versionedHashes.length} blobs, got ${blobs.length}`;
  const kzg = getCKzg();
  const withProof: WithProof[] = [];
  const commitments: Hex[] = [];
  for (let i = 0; i < blobs.length; i++) {
    const blob = blobs[i].bytes ?? hexToBytes(blobs[i].blob);
    if (blob.length !== BLOB_BYTES) return `blob ${i} has ${blob.length} bytes, not ${BLOB_BYTES}`;
    const served = blobs[i].proof === undefined ? undefined : blobs[i].commitment;
    let commitment: Uint8Array;
    try {
      commitment = served === undefined ? kzg.blobToKzgCommitment(blob) : hexToBytes(served);
    } catch (error) {
      return `blob ${i} is not a valid blob: ${(error as Error).message}`;
    }
    const hex = bytesToHex(commitment);
    const hash = commitmentToVersionedHash({ commitment: hex });
    if (hash !== versionedHashes[i]) return `blob ${i}'s commitment hashes to ${hash}, not ${versionedHashes[i]}`;
    commitments.push(hex);
    if (served !== undefined) withProof.push({ blob, commitment, proof: hexToBytes(blobs[i].proof!) });
  }
  return { commitments, withProof };
}

function verifyBatch(items: readonly WithProof[]): string | null {
  try {
    const ok = getCKzg().verifyBlobKzgProofBatch(
      items.map((b) => b.blob),
      items.map((b) => b.commitment),
      items.map((b) => b.proof),
    );
    return ok ? null : "a blob does not match its commitment (KZG proof rejected)";
  } catch (error) {
    return `KZG proof check failed: ${(error as Error).message}`;
  }
}
