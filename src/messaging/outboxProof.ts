import type { Hex } from "viem";
import { merkleTree } from "./merkleTree.js";
import { type L2ToL1Message, l2ToL1Leaf } from "./messageLeaves.js";
import { InvalidParameterError } from "../errors/BaseError.js";

/** A block's L2→L1 messages, their out tree and the consumption proof of each. */
export type OutTree = {
  /** The block header's `outHash` (zero when the block sends no message). */
  outHash: Hex;
  /** The arguments of `Outbox.consume` for message `i` (without the block number). */
  proof(i: number): { message: L2ToL1Message; leafIndex: bigint; path: Hex[] };
};

/** Builds a block's out tree from its L2→L1 messages in emission order (leaf `i` binds index `i`). */
export function outTree(messages: readonly L2ToL1Message[]): OutTree {
  if (messages.length === 0) {
    return {
      outHash: `0x${"00".repeat(32)}`,
      proof: () => {
        throw new InvalidParameterError("The block sends no L2→L1 message: nothing to prove.", {
          expected: "a block with messages",
          given: "none",
        });
      },
    };
  }
  const tree = merkleTree(messages.map((m, i) => l2ToL1Leaf(m, BigInt(i))));
  return {
    outHash: tree.root,
    proof: (i) => ({ message: messages[i], leafIndex: BigInt(i), path: tree.path(i) }),
  };
}
