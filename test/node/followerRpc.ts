import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicClient, custom, type PublicClient } from "viem";
import { markForkPoint, mineBlocks, mineCompetingBranch } from "../../src/node/testing/reorg.js";
import { NodeStore } from "../../src/node/store/NodeStore.js";
import { NodeError } from "../../src/node/NodeError.js";
import { deployFollowedSystem, followerOf, type FollowedSystem } from "./helpers/followedSystem.js";

const connection = await network.create();
const { networkHelpers, provider } = connection;
const fixture = () => deployFollowedSystem(connection);
const SLOT0 = 2n * 32n + 1n;

/**
 * A client on the real in-process provider that counts requests by method and refuses the first `failures`
 * calls of `failMethod` (a timeout-like error, or the "range too large" answer some RPCs give).
 */
function faultyClient(s: FollowedSystem, fault: { method?: string; failures?: number; message?: string } = {}) {
  const counts = new Map<string, number>();
  let left = fault.failures ?? 0;
  const transport = custom(
    {
      async request({ method, params }: { method: string; params?: unknown[] }) {
        counts.set(method, (counts.get(method) ?? 0) + 1);
        if (method === fault.method && left > 0) {
          left--;
          throw new Error(fault.message ?? "request timed out");
        }
        return provider.request({ method, params });
      },
    },
    { retryCount: 0 },
  ); // the follower's own retries are under test, not viem's
  const client = createPublicClient({ chain: s.publicClient.chain, transport }) as PublicClient;
  return { client, counts, total: () => [...counts.values()].reduce((a, b) => a + b, 0) };
}

const fastRetry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 };

describe("L1Follower against its RPC", () => {
  it("follows the tip at a constant number of RPC calls per L1 block (no rescan)", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const rpc = faultyClient(s);
    const follower = followerOf(s, { client: rpc.client });
    await follower.sync();
    const perBlock: number[] = [];
    for (let i = 0; i < 8; i++) {
      if (i % 2 === 0) await s.system.proposeAt(SLOT0 + BigInt(i));
      else await networkHelpers.mine(1);
      const before = rpc.total();
      const report = await follower.sync();
      expect(report.l1BlocksRead).to.equal(1n);
      perBlock.push(rpc.total() - before);
    }
    // latest head (reused as the new block's header) + one eth_getLogs; nothing grows with the chain
    expect(perBlock).to.deep.equal(Array(8).fill(2));
    await mineBlocks(provider, 10);
    const before = rpc.total();
    const report = await follower.sync();
    expect(report.l1BlocksRead).to.equal(10n);
    expect(rpc.total() - before).to.equal(1 + 9 + 1); // head, the nine other headers, one eth_getLogs
  });

  it("retries refused and timed-out calls with backoff, and splits a range the RPC refuses as too large", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    await s.system.proposeAt(SLOT0);
    const reference = followerOf(s);
    await reference.sync();
    const timeouts = faultyClient(s, { method: "eth_getLogs", failures: 3 });
    const retried = followerOf(s, { client: timeouts.client, retry: fastRetry });
    await retried.sync();
    expect(timeouts.counts.get("eth_getLogs")).to.equal(4);
    expect(retried.store.dump()).to.equal(reference.store.dump());

    const ranged = faultyClient(s, { method: "eth_getLogs", failures: 1, message: "block range too large" });
    const split = followerOf(s, { client: ranged.client, retry: fastRetry, maxRange: 1000 });
    await split.sync();
    expect(ranged.counts.get("eth_getLogs")).to.equal(3); // refused once, then both halves
    expect(split.store.dump()).to.equal(reference.store.dump());
  });

  it("stops with RpcUnavailable when the RPC keeps refusing", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const rpc = faultyClient(s, { method: "eth_getLogs", failures: 100 });
    const follower = followerOf(s, { client: rpc.client, retry: fastRetry });
    const error = await follower.sync().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(NodeError).with.property("code", "RpcUnavailable");
    expect((error as Error).message).to.match(/^eth_getLogs \d+\.\.\d+ failed after 4 attempts: .*request timed out/);
    expect(follower.state).to.equal("stopped");
    expect(follower.store.tip()).to.equal(undefined);
  });

  it("continues after a restart from its store file, reading only the new L1 blocks", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const dir = mkdtempSync(path.join(tmpdir(), "node-follower-"));
    try {
      const file = path.join(dir, "node.sqlite");
      const identity = { chainId: 31337, contracts: s.contracts, startBlock: s.startBlock };
      const open = () => NodeStore.open({ path: file, clientVersion: "test", identity });
      await s.system.proposeAt(SLOT0);
      const first = followerOf(s, { store: open() });
      await first.sync();
      first.store.close();
      await s.system.proposeAt(SLOT0 + 1n);
      const restarted = followerOf(s, { store: open() });
      const report = await restarted.sync();
      expect(report.l1BlocksRead).to.equal(1n);
      expect(report.changes.l2Blocks.added.map((r) => r.blockNumber)).to.deep.equal([2n]);
      const live = followerOf(s);
      await live.sync();
      expect(restarted.store.dump()).to.equal(live.store.dump());
      restarted.store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("recovers from a depth-32 reorg in one rollback (timed)", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const follower = followerOf(s);
    await s.system.proposeAt(SLOT0);
    const fork = await markForkPoint(provider);
    for (let i = 1n; i <= 4n; i++) await s.system.proposeAt(SLOT0 + i);
    await mineBlocks(provider, 28);
    await follower.sync();
    await mineCompetingBranch(provider, fork, { length: 33 });
    const started = performance.now();
    const report = await follower.sync();
    const ms = performance.now() - started;
    console.log(`      depth-32 reorg recovered in ${ms.toFixed(0)} ms, ${report.rpcCalls} RPC calls`);
    expect(report.reorg!.depth).to.equal(32n);
    expect(report.changes.l2Blocks.dropped.map((r) => r.blockNumber)).to.deep.equal([2n, 3n, 4n, 5n]);
    const fresh = followerOf(s);
    await fresh.sync();
    expect(follower.store.dump()).to.equal(fresh.store.dump());
  });
});
