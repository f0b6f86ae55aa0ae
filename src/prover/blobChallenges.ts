import { type Hex, concat, encodePacked, hexToBigInt, keccak256, size, stringToHex, zeroHash } from "viem";
import { InvalidParameterError } from "../errors/BaseError.js";

/** The BLS12-381 scalar field modulus (what precompile 0x0a returns second). */
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

/**
 * Folds an epoch's blobs into the Rollup's per-epoch accumulator (`ChainStateLib.accumulate`, built at propose
 * time): per block, `acc ← keccak256(acc ‖ vh_0 ‖ … ‖ vh_k)` over its blobs' versioned hashes, from zero at the
 * epoch's first block.
 */
export function accumulateBlobs(versionedHashesPerBlock: readonly (readonly Hex[])[], start: Hex = zeroHash): Hex {
  let acc = start;
  for (const [block, hashes] of versionedHashesPerBlock.entries()) {
    for (const vh of hashes) {
      if (size(vh) !== 32) {
        throw new InvalidParameterError(`Block ${block} has a malformed versioned hash.`, {
          expected: "32 bytes",
          given: `${size(vh)} bytes`,
        });
      }
    }
    acc = keccak256(concat([acc, ...hashes]));
  }
  return acc;
}

/**
 * The Fiat–Shamir challenges the Rollup derives (`BlobProofLib.challenges`):
 * `γ = keccak256("gamma" ‖ acc) mod r`, `z = keccak256("z" ‖ acc ‖ C) mod r`.
 */
export function blobChallenges(blobsAccumulator: Hex, batchedCommitment: Hex): { gamma: bigint; z: bigint } {
  if (size(batchedCommitment) !== 48) {
    throw new InvalidParameterError("The batched commitment has the wrong size.", {
      expected: "48 bytes",
      given: `${size(batchedCommitment)} bytes`,
    });
  }
  const gamma =
    hexToBigInt(keccak256(encodePacked(["bytes", "bytes32"], [stringToHex("gamma"), blobsAccumulator]))) % BLS_MODULUS;
  const z =
    hexToBigInt(
      keccak256(encodePacked(["bytes", "bytes32", "bytes"], [stringToHex("z"), blobsAccumulator, batchedCommitment])),
    ) % BLS_MODULUS;
  return { gamma, z };
}
