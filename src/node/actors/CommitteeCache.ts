import type { Address, Hex, PublicClient } from "viem";
import { rollupAbi } from "../../chain/abi.js";
import type { ReadRollupConfigReturnType } from "../../chain/readRollupConfig.js";
import { computeCommittee, type EpochCommittee } from "../../committee/computeCommittee.js";
import type { NodeStore } from "../store/NodeStore.js";

/** An L1 block the cached reads were made at (the seed was fixed at or before it). */
type Anchor = { number: bigint; hash: Hex };

export type CommitteeCacheParameters = {
  publicClient: PublicClient;
  rollup: Address;
  config: ReadRollupConfigReturnType;
  /** The node's store (its follower's view of L1): anchors are checked there without an RPC call when it can. */
  store?: NodeStore;
};

/**
 * The committees of the epochs whose seed is fixed, read once per epoch instead of on every tick. Once
 * `isSeedFixed(epoch)`, the committee is final — unless a reorg drops the transaction that fixed the seed (a
 * later setup fixes another one). So each entry keeps the L1 block its reads were pinned to, and is used only
 * while that block is still on the chain: checked against the follower's store when the store has reached it
 * (then re-anchored at the store's tip, which descends from it), else with one `eth_getBlockByNumber`. An epoch
 * whose seed is not fixed yet is never cached.
 */
export class CommitteeCache {
  private readonly entries = new Map<bigint, { committee: EpochCommittee; at: Anchor }>();

  constructor(private readonly p: CommitteeCacheParameters) {}

  /** The cached committee of `epoch`, if its anchor is still on the chain (a stale entry is dropped). */
  async get(epoch: bigint): Promise<EpochCommittee | undefined> {
    const entry = this.entries.get(epoch);
    if (entry === undefined) return undefined;
    const at = await this.stillCanonical(entry.at);
    if (at !== undefined) {
      entry.at = at;
      return entry.committee;
    }
    this.entries.delete(epoch);
    return undefined;
  }

  /**
   * Whether the seed of `epoch` is fixed at the head; when it is, reads its committee at that same block, caches
   * it and returns it (undefined when the seed is not fixed yet).
   */
  async read(epoch: bigint): Promise<EpochCommittee | undefined> {
    const head = await this.p.publicClient.getBlock();
    const blockNumber = head.number!;
    const fixed = await this.p.publicClient.readContract({
      address: this.p.rollup,
      abi: rollupAbi,
      functionName: "isSeedFixed",
      args: [epoch],
      blockNumber,
    });
    if (!fixed) return undefined;
    const committee = await computeCommittee({
      client: this.p.publicClient,
      rollup: this.p.rollup,
      epoch,
      config: this.p.config,
      blockNumber,
    });
    this.entries.set(epoch, { committee, at: { number: blockNumber, hash: head.hash! } });
    for (const old of this.entries.keys()) if (old + 2n < epoch) this.entries.delete(old);
    return committee;
  }

  /** The anchor to keep if `at` is on the chain (the store's tip when the store confirms it), else undefined. */
  private async stillCanonical(at: Anchor): Promise<Anchor | undefined> {
    const store = this.p.store;
    const tip = store?.tip();
    if (store !== undefined && tip !== undefined && tip.number >= at.number) {
      const stored = store.l1Block(at.number);
      if (stored !== undefined) return stored.hash === at.hash ? { number: tip.number, hash: tip.hash } : undefined;
    }
    // The store has not reached the block (or no longer keeps its header): ask L1.
    const block = await this.p.publicClient.getBlock({ blockNumber: at.number }).catch(() => undefined);
    return block?.hash === at.hash ? at : undefined;
  }
}
