import { type Hex, concat, encodePacked, hexToBigInt, keccak256, size, stringToHex, zeroHash } from "viem";

/** The BLS12-381 scalar field modulus (what precompile 0x0a returns second). */
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

/**
 * Folds blob commitments into an epoch's rolling hash, as the Rollup does at propose time
 * (`BlobProofLib.accumulate`): `acc ← keccak256(acc ‖ C_i)`, starting from zero for an epoch's first blob.
 */
export function accumulateCommitments(commitments: readonly Hex[], start: Hex = zeroHash): Hex {
  let acc = start;
  for (const commitment of commitments) {
    if (size(commitment) !== 48) {
      throw new Error(`blob commitment must be 48 bytes, given ${size(commitment)} bytes (${commitment})`);
    }
    acc = keccak256(concat([acc, commitment]));
  }
  return acc;
}

/**
 * The Fiat–Shamir challenges the Rollup derives (`BlobProofLib.challenges`):
 * `γ = keccak256("gamma" ‖ acc) mod r`, `z = keccak256("z" ‖ acc ‖ C) mod r`.
 */
export function blobChallenges(commitmentsHash: Hex, batchedCommitment: Hex): { gamma: bigint; z: bigint } {
  if (size(batchedCommitment) !== 48) {
    throw new Error(`batched commitment must be 48 bytes, given ${size(batchedCommitment)} bytes`);
  }
  const gamma =
    hexToBigInt(keccak256(encodePacked(["bytes", "bytes32"], [stringToHex("gamma"), commitmentsHash]))) % BLS_MODULUS;
  const z =
    hexToBigInt(
      keccak256(encodePacked(["bytes", "bytes32", "bytes"], [stringToHex("z"), commitmentsHash, batchedCommitment])),
    ) % BLS_MODULUS;
  return { gamma, z };
}
