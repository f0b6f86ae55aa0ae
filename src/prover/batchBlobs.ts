import { type Hex, bytesToHex, commitmentToVersionedHash, concat, hexToBytes, numberToHex, toHex } from "viem";
import { BLS_MODULUS, accumulateEpoch, blobChallenges } from "./blobChallenges.js";
import type { CKzg } from "./loadCKzg.js";
import { InvalidParameterError } from "../errors/BaseError.js";

const BYTES_PER_BLOB = 131_072;
const FIELD_ELEMENTS_PER_BLOB = 4096;

/** A batched opening of an epoch's blobs, ready for `submitEpochRootProof`. */
export type BatchedBlobProof = {
  /** The Rollup's accumulator of the epoch's header hashes and blob versioned hashes (`getEpochAccumulator`). */
  epochAccumulator: Hex;
  /** Each blob's commitment, in proposal order (all blocks flattened). */
  commitments: Hex[];
  gamma: bigint;
  z: bigint;
  /** `y = Σ γ^i p_i(z)`. */
  y: bigint;
  /** `C = Σ γ^i C_i`, 48 bytes. */
  commitment: Hex;
  /** KZG proof of `p(z) = y` for `C`, 48 bytes. */
  kzgProof: Hex;
  /** `C ‖ y ‖ kzgProof`: the `blobProof` argument of `submitEpochRootProof`. */
  blobProof: Hex;
};

/**
 * A blob (131,072 bytes, canonical field elements), alone or with its commitment when a blob check already has
 * it (the node's follower verified it): it is then not computed again. The caller checks each commitment
 * against the versioned hash L1 logged (`buildEpochProof` does), which binds it to the block's real blob.
 */
export type ProverBlob = Hex | Uint8Array | { blob: Hex | Uint8Array; commitment: Hex };

export type BatchBlobsParameters = {
  /** The epoch's blocks in proposal order: each header hash and blobs. */
  blocks: readonly { headerHash: Hex; blobs: readonly ProverBlob[] }[];
  kzg: CKzg;
};

/**
 * Builds the batched blob proof of an epoch. KZG commitments are linear, so the commitment of the combined
 * polynomial `p = Σ γ^i p_i` (computed on the blobs' evaluations, field element by field element) is
 * `C = Σ γ^i C_i`: c-kzg computes it without G1 arithmetic here. `γ` depends only on the Rollup's epoch
 * accumulator and `z` on it and `C`, as on-chain.
 */
export function batchBlobs({ blocks, kzg }: BatchBlobsParameters): BatchedBlobProof {
  const given = blocks.flatMap((b) => b.blobs);
  const bytes = given
    .map((item) => (typeof item === "string" || item instanceof Uint8Array ? item : item.blob))
    .map((blob, i) => {
      const b = typeof blob === "string" ? hexToBytes(blob) : blob;
      if (b.length !== BYTES_PER_BLOB) {
        throw new InvalidParameterError(`Blob ${i} has the wrong size.`, {
          expected: `${BYTES_PER_BLOB} bytes`,
          given: `${b.length} bytes`,
        });
      }
      return b;
    });
  if (bytes.length === 0) {
    throw new InvalidParameterError("An epoch proof needs a blob.", { expected: "at least one blob", given: "0" });
  }
  const commitments = bytes.map((b, i) => {
    const item = given[i];
    return typeof item === "string" || item instanceof Uint8Array
      ? bytesToHex(kzg.blobToKzgCommitment(b))
      : item.commitment;
  });
  let next = 0;
  const epochAccumulator = accumulateEpoch(
    blocks.map((b) => ({
      headerHash: b.headerHash,
      versionedHashes: b.blobs.map(() => commitmentToVersionedHash({ commitment: commitments[next++] })),
    })),
  );
  // γ depends on the accumulator only (the C argument only feeds z).
  const { gamma } = blobChallenges(epochAccumulator, commitments[0]);

  const combined = combineBlobs(bytes, gamma);
  const commitment = bytesToHex(kzg.blobToKzgCommitment(combined));
  const { z } = blobChallenges(epochAccumulator, commitment);
  const [proofBytes, yBytes] = kzg.computeKzgProof(combined, hexToBytes(numberToHex(z, { size: 32 })));
  const kzgProof = bytesToHex(proofBytes);
  const y = BigInt(bytesToHex(yBytes));
  return {
    epochAccumulator,
    commitments,
    gamma,
    z,
    y,
    commitment,
    kzgProof,
    blobProof: concat([commitment, numberToHex(y, { size: 32 }), kzgProof]),
  };
}

/** `Σ γ^i blob_i` evaluation by evaluation, mod the BLS12-381 scalar field. */
function combineBlobs(blobs: readonly Uint8Array[], gamma: bigint): Uint8Array {
  const acc = new Array<bigint>(FIELD_ELEMENTS_PER_BLOB).fill(0n);
  let power = 1n;
  for (const blob of blobs) {
    const hex = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).toString("hex");
    for (let j = 0; j < FIELD_ELEMENTS_PER_BLOB; j++) {
      if (isZeroElement(blob, j)) continue; // most of a small block's blob is padding
      const element = BigInt(`0x${hex.slice(j * 64, j * 64 + 64)}`);
      acc[j] = (acc[j] + power * element) % BLS_MODULUS;
    }
    power = (power * gamma) % BLS_MODULUS;
  }
  const out = new Uint8Array(BYTES_PER_BLOB);
  for (let j = 0; j < FIELD_ELEMENTS_PER_BLOB; j++)
    if (acc[j] !== 0n) out.set(Buffer.from(acc[j].toString(16).padStart(64, "0"), "hex"), j * 32);
  return out;
}

/** Whether field element `j` of `blob` (32 big-endian bytes) is zero. */
function isZeroElement(blob: Uint8Array, j: number): boolean {
  for (let k = j * 32; k < j * 32 + 32; k++) if (blob[k] !== 0) return false;
  return true;
}
