import type { Hex } from "viem";
import { merkleTree } from "./merkleTree.js";
import { ChainDataError } from "../errors/BaseError.js";

/** The fields of an Inbox `MessageSent` event that rebuild its trees. */
export type InboxMessageSent = { l2BlockNumber: bigint; index: bigint; leaf: Hex; rollingHash: Hex };

/**
 * Groups `MessageSent` events (in log order) into one tree per L2 block and returns each block's `inHash`
 * for an Inbox of tree height `height`. Checks the events are contiguous per tree (a gap means a missed log).
 */
export function inboxRoots(events: readonly InboxMessageSent[], height: number): Map<bigint, Hex> {
  const leavesByBlock = new Map<bigint, Hex[]>();
  for (const e of events) {
    const leaves = leavesByBlock.get(e.l2BlockNumber) ?? [];
    const expected = (e.l2BlockNumber << BigInt(height)) + BigInt(leaves.length);
    if (e.index !== expected) {
      throw new ChainDataError("Inbox messages have a gap (a missed log).", {
        expected: `index ${expected}`,
        given: String(e.index),
      });
    }
    leaves.push(e.leaf);
    leavesByBlock.set(e.l2BlockNumber, leaves);
  }
  return new Map([...leavesByBlock].map(([block, leaves]) => [block, merkleTree(leaves, height).root]));
}

/** The root of an empty Inbox tree of `height` (the `inHash` of a block that consumes no message). */
export function emptyInboxRoot(height: number): Hex {
  return merkleTree([], height).root;
}
