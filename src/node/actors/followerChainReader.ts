import type { Hex } from "viem";
import { ChainDataError } from "../../errors/BaseError.js";
import type { ProvableBlock } from "../../prover/buildEpochProof.js";
import type { ProverChainReader } from "../../prover/proverClient.js";
import type { NodeStore } from "../store/NodeStore.js";
import type { L2BlockRow } from "../store/types.js";
import type { InboxMessageSent } from "../../messaging/inboxTrees.js";

/** A block of the pending chain the follower stored (the genesis block is `{ blockNumber: 0, archive }`). */
export type ChainTip = { blockNumber: bigint; archive: Hex };

/** What the actors read of L1, all of it from the follower's store (no log scans, no contract views). */
export type FollowerChainReader = ProverChainReader & {
  /** The pending tip: the block the next proposal builds on. */
  pendingTip(): Promise<ChainTip>;
  /** The stored row of pending block `n` (undefined for genesis or a block the chain does not hold). */
  block(n: bigint): L2BlockRow | undefined;
  /** The Inbox messages of tree `l2BlockNumber` the follower stored, in index order (what block n consumes). */
  inboxMessages(l2BlockNumber: bigint): InboxMessageSent[];
};

export type FollowerChainReaderParameters = {
  store: NodeStore;
  /** The Rollup's genesis archive (`getConfig().genesisArchive`): the archive of block 0. */
  genesisArchive: Hex;
};

/** The chain as the store's events build it, replayed in L1 order (proposals, proofs, prunes). */
type ChainView = { proven: bigint; pending: bigint; blocks: Map<bigint, L2BlockRow> };

/**
 * The `ProverChainReader` (and the sequencer's and attester's reads) on top of the follower's store. The pending
 * chain is replayed from the stored `L2BlockProposed`, `EpochProven` and `Pruned` rows in L1 order — the same
 * transitions the Rollup made — so it is whatever the follower last synced to, reorgs rolled back included.
 */
export function followerChainReader({ store, genesisArchive }: FollowerChainReaderParameters): FollowerChainReader {
  let cached: { revision: number; rewrites: number; l1Block: bigint; view: ChainView } | undefined;
  // Replaying is linear in the store's rows: do it once per store revision, not once per read; and while the store
  // only appended rows of new L1 blocks (no rollback, no rewrite), continue from the last replayed L1 block.
  const view = (): ChainView => {
    if (cached?.revision === store.revision) return cached.view;
    const extend = cached !== undefined && cached.rewrites === store.rewrites;
    const from = extend ? cached!.l1Block : -1n;
    const chain = extend ? cached!.view : { proven: 0n, pending: 0n, blocks: new Map() };
    const last = replay(chain, from);
    cached = { revision: store.revision, rewrites: store.rewrites, l1Block: last > from ? last : from, view: chain };
    return chain;
  };
  /** Applies the rows after L1 block `from` to `chain`; returns the last L1 block applied. */
  const replay = (chain: ChainView, from: bigint): bigint => {
    const events = [
      ...store.rowsAfter("l2Blocks", from).map((row) => ({ kind: "block" as const, row })),
      ...store.rowsAfter("epochProofs", from).map((row) => ({ kind: "proof" as const, row })),
      ...store.rowsAfter("prunes", from).map((row) => ({ kind: "prune" as const, row })),
    ].sort((a, b) =>
      a.row.l1Block === b.row.l1Block ? a.row.logIndex - b.row.logIndex : a.row.l1Block < b.row.l1Block ? -1 : 1,
    );
    for (const e of events) {
      if (e.kind === "block") {
        chain.blocks.set(e.row.blockNumber, e.row);
        chain.pending = e.row.blockNumber;
      } else if (e.kind === "proof") {
        if (e.row.endBlock > chain.proven) chain.proven = e.row.endBlock;
      } else {
        for (const n of [...chain.blocks.keys()]) if (n > e.row.provenTip) chain.blocks.delete(n);
        chain.pending = e.row.provenTip;
      }
    }
    return events.length === 0 ? from : events[events.length - 1].row.l1Block;
  };
  const archiveOf = (chain: ChainView, n: bigint): Hex => {
    if (n === 0n) return genesisArchive;
    const row = chain.blocks.get(n);
    if (row === undefined || n > chain.pending)
      throw new ChainDataError(`The store holds no pending block ${n}.`, {
        expected: `a block in 0..${chain.pending}`,
        given: String(n),
      });
    return row.archive;
  };
  return {
    async tips() {
      const { proven, pending } = view();
      return { proven, pending };
    },
    async archiveOf(n) {
      return archiveOf(view(), n);
    },
    async pendingTip() {
      const chain = view();
      return { blockNumber: chain.pending, archive: archiveOf(chain, chain.pending) };
    },
    block(n) {
      const chain = view();
      return n <= chain.pending ? chain.blocks.get(n) : undefined;
    },
    inboxMessages(l2BlockNumber) {
      return store.inboxMessagesOf(l2BlockNumber).sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
    },
    async blocks(from, to) {
      const chain = view();
      const blocks: ProvableBlock[] = [];
      for (let n = from; n <= to; n++) {
        archiveOf(chain, n); // throws for a block the store does not hold
        const { blockNumber, archive, headerHash, slot, versionedHashes } = chain.blocks.get(n)!;
        blocks.push({ blockNumber, archive, headerHash, slot, versionedHashes });
      }
      return blocks;
    },
  };
}
