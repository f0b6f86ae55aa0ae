import { type Hex, concat, encodePacked, hexToBigInt, keccak256, size, stringToHex, zeroHash } from "viem";
import { InvalidParameterError } from "../errors/BaseError.js";

/** The BLS12-381 scalar field modulus (what precompile 0x0a returns second). */
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

/** What one block contributes to its epoch's accumulator. */
export type AccumulatedBlock = { headerHash: Hex; versionedHashes: readonly Hex[] };

/**
 * Folds an epoch's blocks into the Rollup's per-epoch accumulator (`ChainStateLib.accumulate`, built at propose
 * time): per block, `acc ← keccak256(acc ‖ headerHash ‖ vh_0 ‖ … ‖ vh_k)`, from zero at the epoch's first block.
 * The header hash binds every header field L1 relies on later (outHash, inHash, coinbase, fees) into the proof.
 */
export function accumulateEpoch(blocks: readonly AccumulatedBlock[], start: Hex = zeroHash): Hex {
  let acc = start;
  for (const [block, { headerHash, versionedHashes }] of blocks.entries()) {
    for (const h of [headerHash, ...versionedHashes]) {
      if (size(h) !== 32) {
        throw new InvalidParameterError(`Block ${block} has a malformed header or versioned hash.`, {
          expected: "32 bytes",
          given: `${size(h)} bytes`,
        });
      }
    }
    acc = keccak256(concat([acc, headerHash, ...versionedHashes]));
  }
  return acc;
}

/**
 * The Fiat–Shamir challenges the Rollup derives (`BlobProofLib.challenges`):
 * `γ = keccak256("gamma" ‖ acc) mod r`, `z = keccak256("z" ‖ acc ‖ C) mod r`.
 */
export function blobChallenges(epochAccumulator: Hex, batchedCommitment: Hex): { gamma: bigint; z: bigint } {
  if (size(batchedCommitment) !== 48) {
    throw new InvalidParameterError("The batched commitment has the wrong size.", {
      expected: "48 bytes",
      given: `${size(batchedCommitment)} bytes`,
    });
  }
  const gamma =
    hexToBigInt(keccak256(encodePacked(["bytes", "bytes32"], [stringToHex("gamma"), epochAccumulator]))) % BLS_MODULUS;
  const z =
    hexToBigInt(
      keccak256(encodePacked(["bytes", "bytes32", "bytes"], [stringToHex("z"), epochAccumulator, batchedCommitment])),
    ) % BLS_MODULUS;
  return { gamma, z };
}
