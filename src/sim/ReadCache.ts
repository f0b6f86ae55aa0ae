import type { Eip1193Provider } from "../node/testing/reorg.js";

type Args = { method: string; params?: unknown[] };

/**
 * Methods whose answer depends only on the chain's state (and their parameters): between two writes, the same
 * call gets the same answer. Anything else (transactions, `evm_*`, `hardhat_*`, unknown methods) is a write.
 */
const READS = new Set([
  "eth_blockNumber",
  "eth_call",
  "eth_chainId",
  "eth_estimateGas",
  "eth_feeHistory",
  "eth_gasPrice",
  "eth_getBalance",
  "eth_getBlockByHash",
  "eth_getBlockByNumber",
  "eth_getCode",
  "eth_getLogs",
  "eth_getStorageAt",
  "eth_getTransactionByHash",
  "eth_getTransactionCount",
  "eth_getTransactionReceipt",
  "eth_maxPriorityFeePerGas",
  "net_version",
]);

/**
 * The simulated L1's reads between writes, answered once: the four nodes' followers and sequencers read the
 * same head and logs on every L1 block (each still gets and checks the answer itself). A read is kept from its
 * request until the next write starts or ends (a write clears the cache on both sides, so a read made while one
 * is in flight is never served after it); a failed read is not kept. Correct only while every write to the
 * network goes through `request` — the simulated L1 mines blocks on its own, no wall clock or other client does.
 */
export class ReadCache {
  private answers = new Map<string, Promise<unknown>>();
  /** Reads answered from the cache, and calls that reached the network (`npm run bench:sim`). */
  hits = 0;
  calls = 0;

  constructor(private readonly raw: Eip1193Provider) {}

  /** `observe` is told how long each call that reaches the network took. */
  async request(args: Args, observe?: (method: string, ms: number) => void): Promise<unknown> {
    if (!READS.has(args.method)) {
      this.invalidate();
      try {
        return await this.call(args, observe);
      } finally {
        this.invalidate();
      }
    }
    const key = `${args.method}${JSON.stringify(args.params ?? [])}`;
    const kept = this.answers.get(key);
    if (kept !== undefined) {
      this.hits++;
      return kept;
    }
    const answers = this.answers;
    const answer = this.call(args, observe);
    answers.set(key, answer);
    answer.catch(() => answers.get(key) === answer && answers.delete(key));
    return answer;
  }

  /** Forgets every kept read (a write). */
  invalidate(): void {
    if (this.answers.size > 0) this.answers = new Map();
  }

  private async call(args: Args, observe?: (method: string, ms: number) => void): Promise<unknown> {
    this.calls++;
    if (observe === undefined) return this.raw.request(args);
    const started = performance.now();
    try {
      return await this.raw.request(args);
    } finally {
      observe(args.method, performance.now() - started);
    }
  }
}
