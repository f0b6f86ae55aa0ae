import { concat, type Hex, keccak256, sha256, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  type Eip1193Provider,
  type ForkPoint,
  markForkPoint,
  mineCompetingBranch,
  type ReorgResult,
} from "../node/testing/reorg.js";
import { ReadCache } from "./ReadCache.js";

type RpcBlock = { number: Hex; timestamp: Hex };

/** The point-evaluation precompile (EIP-4844). */
const POINT_EVALUATION = "0x000000000000000000000000000000000000000a";
/** The G1 point at infinity, compressed: the commitment of the zero polynomial, and its opening proof anywhere. */
const G1_INFINITY = `0xc0${"00".repeat(47)}` as Hex;
const ZERO_POLYNOMIAL_HASH = `0x01${sha256(G1_INFINITY).slice(4)}` as Hex;
/** Never funded: its blob transaction is refused after the sidecar is checked, so nothing is mined. */
const UNFUNDED = privateKeyToAccount(keccak256(toHex("sp-testnet simulated L1 unfunded key")));

/**
 * L1 in simulated time, over a development network's RPC (the in-process network or `npx hardhat node`): the
 * run decides every block's timestamp, so no wall-clock second leaks into the chain and a run is reproducible.
 * `provider` is what every client of the run uses: a transaction is mined one second after the head (never
 * before the current L1 slot's time). `mineAt` mines the empty block that opens an L1 slot; `reorg` replaces the
 * last L1 slots with a competing branch (`evm_revert` to a fork point taken at an L1 slot's start). Reads are
 * answered once between writes (`ReadCache`): nothing may write to `raw` but this class.
 */
export class SimulatedL1 {
  /** The earliest time the next block may get (the start of the current L1 slot). */
  private floor = 0n;
  /** Fork points at the start of recent L1 slots, newest last (only while reorgs are simulated). */
  private readonly forkPoints: ForkPoint[] = [];

  readonly provider: Eip1193Provider;
  /** Every call of the run, the slot loop's own (not observed) and its clients' (`provider`). */
  readonly cache: ReadCache;
  /** The slot loop's own calls: through the cache, not observed. */
  private readonly own: Eip1193Provider;

  constructor(
    raw: Eip1193Provider,
    private readonly keepForkPoints = 0,
    /** Told how long each RPC call of the run's clients took (benchmarks). */
    observe?: (method: string, ms: number) => void,
  ) {
    const cache = (this.cache = new ReadCache(raw));
    this.own = { request: (args) => cache.request(args) };
    this.provider = {
      request: async (args) => {
        if (args.method === "eth_sendRawTransaction" || args.method === "eth_sendTransaction") await this.pinNext();
        return cache.request(args, observe);
      },
    };
  }

  /** The head block's number and timestamp. */
  async head(): Promise<{ number: bigint; timestamp: bigint }> {
    const block = (await this.own.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as RpcBlock;
    return { number: BigInt(block.number), timestamp: BigInt(block.timestamp) };
  }

  /** The time the actors see: the next block's timestamp. */
  async now(): Promise<bigint> {
    const { timestamp } = await this.head();
    return timestamp + 1n > this.floor ? timestamp + 1n : this.floor;
  }

  /** Mines the empty block that opens the L1 slot at `timestamp` (later than the head), and marks a fork point. */
  async mineAt(timestamp: bigint): Promise<void> {
    this.floor = timestamp;
    await this.pinNext();
    await this.own.request({ method: "evm_mine" });
    if (this.keepForkPoints > 0) {
      this.forkPoints.push(await markForkPoint(this.own));
      if (this.forkPoints.length > this.keepForkPoints + 1) this.forkPoints.shift();
    }
  }

  /**
   * Reorganises L1 from the fork point `depth` L1 slots back (1: the start of the previous one): its later blocks
   * are dropped with their transactions and an empty competing branch one block longer replaces them. Returns
   * null when no fork point that deep is kept yet (e.g. right after the previous reorg, which consumed them).
   */
  async reorg(depth: number): Promise<ReorgResult | null> {
    const fork = this.forkPoints[this.forkPoints.length - 1 - depth];
    if (fork === undefined) return null;
    const head = await this.head();
    const result = await mineCompetingBranch(this.own, fork, { length: Number(head.number - fork.number) + 1 });
    this.forkPoints.length = 0; // a revert consumes the snapshot and invalidates every later one
    return result;
  }

  /**
   * Loads the in-process network's two KZG trusted setups (≈ 3 s each, on first use): the point-evaluation
   * precompile's, by opening the zero polynomial at z = 0 (an `eth_call`), and the blob-transaction check's, by
   * sending a zero blob from an unfunded key (refused once its sidecar is checked; nothing is mined). Done before
   * the slot loop, the one-time loads are not charged to the first proposal and epoch proof; every later blob and
   * proof is checked as usual.
   */
  async loadKzgSetups(): Promise<void> {
    const zero = toHex(0n, { size: 32 });
    await this.own.request({
      method: "eth_call",
      params: [
        { to: POINT_EVALUATION, data: concat([ZERO_POLYNOMIAL_HASH, zero, zero, G1_INFINITY, G1_INFINITY]) },
        "latest",
      ],
    });
    const blob = toHex(new Uint8Array(131072));
    const transaction = await UNFUNDED.signTransaction({
      type: "eip4844",
      chainId: Number(await this.own.request({ method: "eth_chainId" })),
      nonce: 0,
      to: UNFUNDED.address,
      gas: 21000n,
      maxFeePerGas: 10n ** 9n,
      maxPriorityFeePerGas: 1n,
      maxFeePerBlobGas: 10n ** 9n,
      sidecars: [{ blob, commitment: G1_INFINITY, proof: G1_INFINITY }],
      blobVersionedHashes: [ZERO_POLYNOMIAL_HASH],
    });
    const sent = await this.own.request({ method: "eth_sendRawTransaction", params: [transaction] }).then(
      () => true,
      () => false,
    );
    if (sent) throw new Error(`the unfunded key ${UNFUNDED.address} has funds: its warm-up transaction was mined`);
  }

  private async pinNext(): Promise<void> {
    const next = await this.now();
    await this.own.request({ method: "evm_setNextBlockTimestamp", params: [toHex(next)] });
  }
}
