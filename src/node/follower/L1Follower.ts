import { type Hex, type Log, type PublicClient, getAbiItem, toEventSelector } from "viem";
import { slotAt } from "../../chain/time.js";
import { type ReadRollupConfigReturnType, readRollupConfig } from "../../chain/readRollupConfig.js";
import { type FollowerChainReader, followerChainReader } from "../actors/followerChainReader.js";
import { type BlobChecker, blobQueriesOf, checkAll } from "../blobs/types.js";
import { NodeError } from "../NodeError.js";
import type { NodeStore } from "../store/NodeStore.js";
import { DATA_TABLE_NAMES } from "../store/schema.js";
import { emptyRows, type L1BlockRef, type Rows } from "../store/types.js";
import { rollupAbi } from "../../chain/abi.js";
import { decodeLogs, type FollowedContracts, followedAddresses } from "./decodeLogs.js";
import { diffRows, type FollowReport } from "./followReport.js";
import {
  beyondHorizon,
  ChainMoved,
  checkContinuity,
  type Header,
  isRangeRefusal,
  mergeDropped,
} from "./followerChecks.js";
import { canPruneAt, predictPrune } from "./prunePrediction.js";
import { recheckUnavailable } from "./recheckBlobs.js";
import { defaultRetry, type RetryOptions, withRetry } from "./withRetry.js";
import { BaseError } from "../../errors/BaseError.js";

export type L1FollowerParameters = {
  client: PublicClient;
  store: NodeStore;
  contracts: FollowedContracts;
  /** The first L1 block to read (the deployment block of the earliest followed contract). */
  startBlock: bigint;
  /** Deepest reorg followed (L1 blocks); deeper stops the follower. Default 64 (two L1 epochs). */
  horizon?: number;
  /** Most L1 blocks per `eth_getLogs`; halved for a range the RPC refuses as too large. Default 1,000. */
  maxRange?: number;
  /** `start()`: time between polls of the head. Default 2,000 ms. */
  pollIntervalMs?: number;
  /** Data this deep is `safe` / `finalized` (when the RPC's tags are not used). Defaults 32 / the horizon. */
  safeDepth?: number;
  finalizedDepth?: number;
  /**
   * Use the RPC's `safe` and `finalized` block tags (a real L1 node). Off by default: Hardhat's networks answer
   * them with the latest block, which would forbid every rollback.
   */
  finalityTags?: boolean;
  retry?: Partial<RetryOptions>;
  /** Checks each L2 block's blobs before it is stored; without it blocks are stored `unchecked`. */
  blobs?: BlobChecker;
  /** The Rollup's configuration: its clock gives slots, its proof window the prune prediction (read once when absent). */
  config?: ReadRollupConfigReturnType;
};

/** `idle` before the first sync; `syncing` while behind the head; `following` at it; `stopped` after an error. */
export type FollowerState = "idle" | "syncing" | "following" | "stopped";

/**
 * Follows L1 for the node: polls the head, reads the followed contracts' logs over ranges into the store (one
 * transaction per L1 block), detects reorgs by parent-hash mismatch, rolls back to the common ancestor (one
 * transaction), re-reads, and reports what changed. See docs/NODE.md.
 */
export class L1Follower {
  state: FollowerState = "idle";
  /** Why the follower stopped. */
  error: Error | undefined;
  private readonly p: Required<Omit<L1FollowerParameters, "blobs" | "config">> &
    Pick<L1FollowerParameters, "blobs" | "config">;
  private readonly retry: RetryOptions;
  private calls = 0;
  private range: bigint;
  private timer: NodeJS.Timeout | undefined;
  /** Headers by number read in the current attempt of a sync (one view of the chain; cleared on a retry). */
  private seen = new Map<bigint, Header>();
  /** The head of the last complete step (its finality and pruning done). */
  private synced: { number: bigint; hash: Hex } | undefined;
  /** The chain the store holds, replayed (for the prune prediction). */
  private chain: FollowerChainReader | undefined;
  /** The L1 head at which unavailable blocks were last re-checked (once per L1 block). */
  private recheckedAt: bigint | undefined;

  constructor(p: L1FollowerParameters) {
    const horizon = p.horizon ?? 64;
    this.p = {
      horizon,
      maxRange: 1000,
      pollIntervalMs: 2000,
      safeDepth: 32,
      finalizedDepth: horizon,
      finalityTags: false,
      retry: {},
      ...p,
    };
    for (const key of ["horizon", "maxRange", "pollIntervalMs", "safeDepth", "finalizedDepth"] as const) {
      const v = this.p[key];
      if (!Number.isSafeInteger(v) || v < (key === "maxRange" ? 1 : 0))
        throw new NodeError("BadConfig", `Follower option ${key} is out of range.`, "a non-negative integer", `${v}`);
    }
    this.retry = { ...defaultRetry, ...p.retry };
    this.range = BigInt(this.p.maxRange);
  }

  /**
   * Brings the store to the current L1 head: handles a reorg first (rollback to the common ancestor), then reads
   * every new L1 block. Throws (and stops) on a reorg deeper than the horizon or below finalized.
   */
  async sync(): Promise<FollowReport> {
    if (this.state === "stopped") throw this.error ?? new BaseError("the follower was stopped");
    this.calls = 0;
    const dropped = emptyRows();
    const added = emptyRows();
    let reorg: FollowReport["reorg"] = null;
    let read = 0n;
    let head: Header;
    for (let attempt = 1; ; attempt++) {
      try {
        this.seen.clear();
        head = await this.header("latest");
        if (attempt === 1 && this.atHead(head)) return this.unchanged(head);
        const found = await this.reconcile(head);
        if (found !== null) {
          const rolled = this.p.store.rollbackTo(found.commonAncestor.number);
          mergeDropped(dropped, added, rolled, found.commonAncestor.number);
          if (reorg === null || found.depth > reorg.depth) reorg = found;
        }
        this.state =
          head.number - (this.p.store.tip()?.number ?? -1n) > BigInt(this.p.horizon) ? "syncing" : this.state;
        read += await this.catchUp(head, added);
        break;
      } catch (error) {
        if (error instanceof ChainMoved && attempt < 5) continue;
        this.state = "stopped";
        this.error = error as Error;
        throw error;
      }
    }
    const finality = await this.updateFinality(head);
    const blobsRecovered = await this.recheck(head);
    this.state = "following";
    this.synced = { number: head.number, hash: head.hash };
    return {
      head: { number: head.number, hash: head.hash },
      finality,
      reorg,
      l1BlocksRead: read,
      changes: diffRows(dropped, added),
      blobsRecovered,
      prune: await this.prunePrediction(head),
      rpcCalls: this.calls,
    };
  }

  /**
   * Once per new L1 head: the blobs of pending L2 blocks stored `unavailable` are checked again (a node cut off
   * when they were proposed gets them from its peers later); those now had are marked available.
   */
  private async recheck(head: Header): Promise<bigint[]> {
    if (this.p.blobs === undefined || this.recheckedAt === head.number) return [];
    this.recheckedAt = head.number;
    return recheckUnavailable(this.p.store, this.reader(await this.config()), this.p.blobs);
  }

  /**
   * `Rollup.canPruneAtTime(ts)` on the chain the store holds (no RPC call once the configuration is known): whether
   * a prune sent at L1 time `ts` would succeed.
   */
  async canPruneAtTime(ts: bigint): Promise<boolean> {
    const config = await this.config();
    return canPruneAt(await predictPrune(this.reader(config), config.clock, config.proofs.proofSubmissionEpochs), ts);
  }

  /** The prune the stored chain heads for; `due`: a prune in the block after `head` would succeed. */
  private async prunePrediction(head: Header): Promise<FollowReport["prune"]> {
    const config = await this.config();
    const p = await predictPrune(this.reader(config), config.clock, config.proofs.proofSubmissionEpochs);
    return p === null ? null : { ...p, due: canPruneAt(p, head.timestamp + 1n) };
  }

  private reader(config: ReadRollupConfigReturnType): FollowerChainReader {
    this.chain ??= followerChainReader({ store: this.p.store, genesisArchive: config.genesisArchive });
    return this.chain;
  }

  /**
   * Whether the head is the one the last step completed at and the store's tip: nothing new to read, no reorg
   * (the same block at the same height), finality unchanged (it follows the head's number) — unless the RPC's
   * finality tags are used, which may move on their own.
   */
  private atHead(head: Header): boolean {
    if (this.p.finalityTags || this.state !== "following" || this.synced === undefined) return false;
    if (this.synced.number !== head.number || this.synced.hash !== head.hash) return false;
    const tip = this.p.store.tip();
    return tip !== undefined && tip.number === head.number && tip.hash === head.hash;
  }

  /** The report of a step at an unchanged head: one `eth_getBlockByNumber`, nothing written. */
  private async unchanged(head: Header): Promise<FollowReport> {
    return {
      head: { number: head.number, hash: head.hash },
      finality: this.p.store.finality(),
      reorg: null,
      l1BlocksRead: 0n,
      changes: diffRows(emptyRows(), emptyRows()),
      blobsRecovered: [],
      prune: await this.prunePrediction(head),
      rpcCalls: this.calls,
    };
  }

  /** Polls every `pollIntervalMs` until `stop()` or an error (then `onError`, and the follower is stopped). */
  start(onReport: (r: FollowReport) => void, onError: (e: Error) => void): void {
    const poll = async () => {
      try {
        onReport(await this.sync());
        if (this.timer !== undefined) this.timer = setTimeout(poll, this.p.pollIntervalMs);
      } catch (error) {
        this.timer = undefined;
        onError(error as Error);
      }
    };
    this.timer = setTimeout(poll, 0);
  }

  /** The store the follower writes. */
  get store(): NodeStore {
    return this.p.store;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Whether the stored tip is on the chain of `head`; if not, the reorg's depth and common ancestor. */
  private async reconcile(head: Header): Promise<FollowReport["reorg"]> {
    const tip = this.p.store.tip();
    if (tip === undefined) return null;
    if (head.number === tip.number && head.hash === tip.hash) return null;
    if (head.number > tip.number) {
      const next = head.number === tip.number + 1n ? head : await this.header(tip.number + 1n);
      if (next.parentHash === tip.hash) return null;
    }
    // Walk the stored blocks down (contiguous within the horizon, sparse below) to the first the chain still has.
    const horizonFloor = tip.number - BigInt(this.p.horizon);
    let below = head.number < tip.number ? head.number : tip.number;
    let lowest: L1BlockRef | undefined;
    for (let checked = 0; checked < this.p.horizon + 64;) {
      const batch = this.p.store.l1BlocksAtOrBelow(below, 16);
      if (batch.length === 0) break;
      for (const stored of batch) {
        checked++;
        lowest = stored;
        if ((await this.header(stored.number)).hash !== stored.hash) continue;
        const depth = tip.number - stored.number;
        if (stored.number < horizonFloor) throw beyondHorizon(depth, this.p.horizon, stored);
        return { depth, commonAncestor: { number: stored.number, hash: stored.hash } };
      }
      below = batch[batch.length - 1].number - 1n;
    }
    throw new NodeError(
      "ReorgBeyondHorizon",
      `L1 reorganised deeper than the horizon of ${this.p.horizon} blocks: no stored block down to ${lowest?.number ?? "none"} is on the new chain; the follower stopped.`,
      `a common block at or above L1 block ${horizonFloor}`,
      `none found`,
    );
  }

  /** Reads L1 blocks after the store's tip up to `head`, in ranges; returns how many it read. */
  private async catchUp(head: Header, added: Rows): Promise<bigint> {
    const start = (this.p.store.tip()?.number ?? this.p.startBlock - 1n) + 1n;
    const window = head.number - BigInt(this.p.horizon);
    const { clock } = await this.config();
    let from = start;
    while (from <= head.number) {
      const to = from + this.range - 1n < head.number ? from + this.range - 1n : head.number;
      // Headers of blocks within the horizon (one call each: the constant cost of following) and of `to`.
      const headers = new Map<bigint, Header>();
      for (let n = from > window ? from : window; n <= to; n++)
        headers.set(n, n === head.number ? head : await this.header(n));
      if (!headers.has(to)) headers.set(to, await this.header(to));
      checkContinuity(headers, this.p.store.tip());
      const logs = await this.logs(from, to);
      const hashOf = new Map<bigint, Hex>();
      for (const log of logs) {
        const known = headers.get(log.blockNumber)?.hash ?? hashOf.get(log.blockNumber);
        if (known !== undefined && known !== log.blockHash) throw new ChainMoved();
        hashOf.set(log.blockNumber, log.blockHash);
      }
      const needTime = [...new Set(logs.filter((l) => l.topics[0] === PROPOSED_TOPIC).map((l) => l.blockNumber))];
      for (const n of needTime) if (!headers.has(n)) headers.set(n, await this.header(n));
      for (const [n, h] of headers) if (hashOf.has(n) && hashOf.get(n) !== h.hash) throw new ChainMoved();
      const byBlock = decodeLogs(logs, this.p.contracts, (n) => {
        return slotAt(clock, headers.get(n)!.timestamp);
      });
      const numbers = [...new Set([...headers.keys(), ...byBlock.keys()])].sort((a, b) => (a < b ? -1 : 1));
      // Blobs are checked for up to BLOB_BATCH L2 blocks at once (one KZG batch), then those L1 blocks applied.
      let batch: { block: L1BlockRef; rows: Rows }[] = [];
      let l2InBatch = 0;
      for (const [k, n] of numbers.entries()) {
        const h = headers.get(n);
        const block: L1BlockRef = h ?? { number: n, hash: hashOf.get(n)!, parentHash: null, timestamp: null };
        const rows = byBlock.get(n) ?? emptyRows();
        batch.push({ block, rows });
        l2InBatch += rows.l2Blocks.length;
        if (l2InBatch < BLOB_BATCH && k < numbers.length - 1) continue;
        await this.checkBlobs(batch);
        for (const data of batch) {
          this.p.store.applyL1Block(data);
          for (const t of DATA_TABLE_NAMES) (added[t] as unknown[]).push(...data.rows[t]);
        }
        batch = [];
        l2InBatch = 0;
      }
      from = to + 1n;
    }
    return head.number - start + 1n > 0n ? head.number - start + 1n : 0n;
  }

  /** Sets the availability of every L2 block row of `blocks` (one `checkMany` when the checker has it). */
  private async checkBlobs(blocks: { block: L1BlockRef; rows: Rows }[]): Promise<void> {
    const checker = this.p.blobs;
    if (checker === undefined) return;
    const rows = blocks.flatMap(({ block, rows }) => rows.l2Blocks.map((row) => ({ block, row })));
    if (rows.length === 0) return;
    const results = await checkAll(
      checker,
      blobQueriesOf(rows.map(({ block, row }) => ({ block, versionedHashes: row.versionedHashes }))),
    );
    rows.forEach(({ row }, i) => {
      row.availability = results[i].availability;
      row.availabilityReason = results[i].availability === "available" ? null : results[i].reason;
    });
  }

  private async updateFinality(head: Header) {
    let safe = head.number - BigInt(this.p.safeDepth);
    let finalized = head.number - BigInt(this.p.finalizedDepth);
    if (this.p.finalityTags) {
      safe = (await this.header("safe")).number;
      finalized = (await this.header("finalized")).number;
    }
    this.p.store.setFinality({ safe, finalized });
    // Headers without data below the horizon are no longer needed to find a common ancestor.
    this.p.store.pruneHeadersBelow(head.number - BigInt(this.p.horizon));
    return this.p.store.finality();
  }

  private async logs(from: bigint, to: bigint): Promise<Log<bigint, number, false>[]> {
    const address = followedAddresses(this.p.contracts);
    try {
      return (await this.rpc(
        `eth_getLogs ${from}..${to}`,
        () => this.p.client.getLogs({ address, fromBlock: from, toBlock: to }),
        isRangeRefusal,
      )) as Log<bigint, number, false>[];
    } catch (error) {
      if (!isRangeRefusal(error) || from === to) throw error;
      // The RPC refuses the range as too large: halve it (and keep the smaller range for later reads).
      const mid = from + (to - from) / 2n;
      this.range = mid - from + 1n;
      return [...(await this.logs(from, mid)), ...(await this.logs(mid + 1n, to))];
    }
  }

  private async header(at: bigint | "latest" | "safe" | "finalized"): Promise<Header> {
    const cached = typeof at === "bigint" ? this.seen.get(at) : undefined;
    if (cached !== undefined) return cached;
    const block = await this.rpc(`eth_getBlockByNumber ${at}`, () =>
      typeof at === "bigint" ? this.p.client.getBlock({ blockNumber: at }) : this.p.client.getBlock({ blockTag: at }),
    );
    const header = {
      number: block.number!,
      hash: block.hash!,
      parentHash: block.parentHash,
      timestamp: block.timestamp,
    };
    this.seen.set(header.number, header);
    return header;
  }

  private rpc<T>(what: string, call: () => Promise<T>, giveUp?: (e: unknown) => boolean): Promise<T> {
    return withRetry(
      what,
      () => {
        this.calls++;
        return call();
      },
      this.retry,
      { giveUp },
    );
  }

  private async config(): Promise<ReadRollupConfigReturnType> {
    this.p.config ??= await this.rpc("Rollup.getConfig", () =>
      readRollupConfig(this.p.client, this.p.contracts.rollup),
    );
    return this.p.config;
  }
}

/** L2 blocks whose blobs are verified in one KZG batch during a catch-up (32 one-blob blocks: 4 MiB held). */
const BLOB_BATCH = 32;

/** topic0 of `L2BlockProposed` (its L1 block's timestamp gives the slot). */
const PROPOSED_TOPIC = toEventSelector(getAbiItem({ abi: rollupAbi, name: "L2BlockProposed" }));
