import type { Address, PublicClient } from "viem";
import { inboxAbi } from "../chain/abi.js";
import type { InboxMessageSent } from "./inboxTrees.js";

/** What a follower reads: every `MessageSent` of `inbox` from L1 block `fromBlock` (default 0), in log order. */
export async function readInboxMessages(
  publicClient: PublicClient,
  inbox: Address,
  fromBlock = 0n,
): Promise<InboxMessageSent[]> {
  const events = await publicClient.getContractEvents({
    address: inbox,
    abi: inboxAbi,
    eventName: "MessageSent",
    fromBlock,
  });
  return events.map((e) => ({
    l2BlockNumber: e.args.l2BlockNumber!,
    index: e.args.index!,
    leaf: e.args.leaf!,
    rollingHash: e.args.rollingHash!,
  }));
}

/** What a follower learns by comparing the Inbox messages it saw with those the chain shows now. */
export type InboxReconciliation =
  | { status: "consistent"; added: InboxMessageSent[] }
  | { status: "reorged"; fromPosition: number; removed: InboxMessageSent[]; added: InboxMessageSent[] };

/**
 * Reconciles the `MessageSent` events a follower saw with those the chain shows now, both complete from the
 * Inbox's first message, in log order. The rolling hash after message k commits to messages 0..k, so the first
 * position where the two disagree — or where the chain now ends earlier — is where an L1 reorg rewrote the
 * history: the follower drops what it saw from there (`removed`) and takes the chain's messages (`added`).
 * Compare the last rolling hash with `Inbox.getRollingHash()` to know whether a re-read is needed at all.
 */
export function reconcileInbox(
  seen: readonly InboxMessageSent[],
  current: readonly InboxMessageSent[],
): InboxReconciliation {
  const common = Math.min(seen.length, current.length);
  let position = 0;
  while (position < common && seen[position].rollingHash === current[position].rollingHash) position++;
  if (position === seen.length) return { status: "consistent", added: current.slice(position) };
  return {
    status: "reorged",
    fromPosition: position,
    removed: seen.slice(position),
    added: current.slice(position),
  };
}
