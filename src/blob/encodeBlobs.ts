import { blobsToCommitments, commitmentsToVersionedHashes, concat, keccak256, toBlobs, type Hex } from "viem";
import { getKzg } from "./kzg.js";
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
  /** `0x01 ‖ sha256(commitment)[1:]`, what `blobhash(i)` returns on chain. */
  versionedHashes: Hex[];
  /** keccak256 of the packed versioned hashes: the header's `blobsHash`. */
  blobsHash: Hex;
  /** The commitments packed (48 bytes each): the `blobCommitments` argument of `Rollup.propose`. */
  packedCommitments: Hex;
};

/** Splits `data` over as many blobs as it needs (at most the per-transaction limit) and commits to them. */
export function encodeBlobs({ data }: EncodeBlobsParameters): EncodedBlobs {
  const size = (data.length - 2) / 2;
  if (size > MAX_BYTES_PER_TRANSACTION) {
    throw new InvalidParameterError("encodeBlobs: the data is too large for one transaction.", {
      expected: `at most ${MAX_BYTES_PER_TRANSACTION} bytes`,
      given: `${size} bytes`,
    });
  }
  const kzg = getKzg();
  const blobs = toBlobs({ data, to: "hex" });
  const commitments = blobsToCommitments({ blobs, kzg, to: "hex" });
  const versionedHashes = commitmentsToVersionedHashes({ commitments, to: "hex" });
  return {
    blobs: [...blobs],
    commitments: [...commitments],
    versionedHashes: [...versionedHashes],
    blobsHash: hashVersionedHashes(versionedHashes),
    packedCommitments: concat(commitments),
  };
}

/** keccak256 of the packed versioned hashes (mirrors `BlobLib.hashVersionedHashes`). */
export function hashVersionedHashes(versionedHashes: readonly Hex[]): Hex {
  return keccak256(versionedHashes.length === 0 ? "0x" : concat([...versionedHashes]));
}
