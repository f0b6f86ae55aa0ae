import { type Hex, concat, keccak256, zeroHash } from "viem";
import { InvalidParameterError } from "../errors/BaseError.js";

/** OpenZeppelin's `Hashes.commutativeKeccak256`: hash of the sorted pair. */
export function commutativeKeccak256(a: Hex, b: Hex): Hex {
  return BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

/** A fixed-height Merkle tree over message leaves, as the Inbox (`MerkleFrontierLib`) and Outbox build it. */
export type MerkleTree = {
  height: number;
  /** The leaves as given (positions beyond them are zero). */
  leaves: readonly Hex[];
  root: Hex;
  /** The sibling path of leaf `index` (OpenZeppelin `MerkleProof` order: bottom up). */
  path(index: number): Hex[];
};

/**
 * Builds the tree of `leaves` padded with zero leaves to `2^height` (commutative keccak256 nodes). With no
 * `height`, the smallest height that holds the leaves (at least 1).
 */
export function merkleTree(leaves: readonly Hex[], height?: number): MerkleTree {
  const h = height ?? Math.max(1, Math.ceil(Math.log2(Math.max(leaves.length, 1))));
  if (leaves.length > 2 ** h) {
    throw new InvalidParameterError(`Too many leaves for a tree of height ${h}.`, {
      expected: `at most ${2 ** h} leaves`,
      given: String(leaves.length),
    });
  }
  // levels[0] = leaves; empty positions are represented implicitly by the zero subtree of their level.
  const levels: Hex[][] = [[...leaves]];
  const zeros: Hex[] = [zeroHash];
  for (let level = 0; level < h; level++) {
    const below = levels[level];
    const above: Hex[] = [];
    for (let i = 0; i < below.length; i += 2) {
      above.push(commutativeKeccak256(below[i], below[i + 1] ?? zeros[level]));
    }
    levels.push(above);
    zeros.push(commutativeKeccak256(zeros[level], zeros[level]));
  }
  const root = levels[h][0] ?? zeros[h];
  return {
    height: h,
    leaves,
    root,
    path(index: number): Hex[] {
      if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
        throw new InvalidParameterError("The leaf index is out of range.", {
          expected: `an integer in [0, ${leaves.length})`,
          given: String(index),
        });
      }
      const siblings: Hex[] = [];
      let position = index;
      for (let level = 0; level < h; level++) {
        siblings.push(levels[level][position ^ 1] ?? zeros[level]);
        position >>= 1;
      }
      return siblings;
    },
  };
}
