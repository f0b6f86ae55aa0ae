import { commitmentsToVersionedHashes, concat, keccak256, toBlobs, type Hex } from "viem";
import { fastBytesToHex } from "./hexBytes.js";
import { getCKzg } from "./kzg.js";
import { InvalidParameterError } from "../errors/BaseError.js";

/** Bytes of data one transaction's blobs can carry with viem's encoding (6 blobs of 4096 × 31 bytes, minus 1). */
export const MAX_BYTES_PER_TRANSACTION = 6 * 4096 * 31 - 1;

export type EncodeBlobsParameters = {
  /** The bytes to publish (a block's data). */
  data: Hex;
};

export type EncodedBlobs = {
  /** EIP-4844 blobs (viem's encoding: 31 data bytes per field element, 0x80 terminator). */
  blobs: Hex[];
  /** 48-byte KZG commitments, one per blob. */
  commitments: Hex[];
  /** 48-byte KZG blob proofs (EIP-4844 `computeBlobKzgProof`), one per blob: the sidecars of the type-3 transaction. */
  proofs: Hex[];
  /** `0x01 ‖ sha256(commitment)[1:]`, what `blobhash(i)` returns on chain. */
  versionedHashes: Hex[];
  /** keccak256 of the packed versioned hashes: the header's `blobsHash`. */
  blobsHash: Hex;
  /** The commitments packed (48 bytes each): the `blobCommitments` argument of `Rollup.propose`. */
  packedCommitments: Hex;
};

/**
 * Splits `data` over as many blobs as it needs (at most the per-transaction limit), commits to them and proves
 * each commitment: computed once here, the commitments and proofs are what the transaction's sidecars carry, what
 * the committee checks and what the sequencer's blob store serves.
 */
export function encodeBlobs({ data }: EncodeBlobsParameters): EncodedBlobs {
  const bytes = blobBytesOf(data);
  const kzg = getCKzg();
  const commitments = bytes.map((b) => kzg.blobToKzgCommitment(b));
  return encodedBlobsOf(
    bytes,
    commitments,
    bytes.map((b, i) => kzg.computeBlobKzgProof(b, commitments[i])),
  );
}

/** `data` as EIP-4844 blobs (viem's encoding); refuses data larger than one transaction carries. */
export function blobBytesOf(data: Hex): Uint8Array[] {
  const size = (data.length - 2) / 2;
  if (size > MAX_BYTES_PER_TRANSACTION) {
    throw new InvalidParameterError("encodeBlobs: the data is too large for one transaction.", {
      expected: `at most ${MAX_BYTES_PER_TRANSACTION} bytes`,
      given: `${size} bytes`,
    });
  }
  return [...toBlobs({ data, to: "bytes" })];
}

/** The encoded blobs of `bytes` from their KZG commitments and blob proofs (computed here or by a KZG worker). */
export function encodedBlobsOf(
  bytes: readonly Uint8Array[],
  commitmentBytes: readonly Uint8Array[],
  proofBytes: readonly Uint8Array[],
): EncodedBlobs {
  const commitments = commitmentBytes.map(fastBytesToHex);
  const versionedHashes = commitmentsToVersionedHashes({ commitments, to: "hex" });
  return {
    blobs: bytes.map(fastBytesToHex),
    commitments,
    proofs: proofBytes.map(fastBytesToHex),
    versionedHashes: [...versionedHashes],
    blobsHash: hashVersionedHashes(versionedHashes),
    packedCommitments: concat(commitments),
  };
}

/** keccak256 of the packed versioned hashes (mirrors `BlobLib.hashVersionedHashes`). */
export function hashVersionedHashes(versionedHashes: readonly Hex[]): Hex {
  return keccak256(versionedHashes.length === 0 ? "0x" : concat([...versionedHashes]));
}
