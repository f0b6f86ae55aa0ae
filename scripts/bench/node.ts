/**
 * `npm run bench:node`: the node's follower on the in-process network → `reports/node-bench.json`:
 * - resync: a fresh follower reads `BENCH_L2_BLOCKS` (default 1,000) L2 blocks of one blob each from genesis, every
 *   blob checked (its commitment against the logged versioned hash, its KZG proof verified with c-kzg);
 * - reorg: a depth-32 reorg that drops L2 blocks, recovered by one `sync()` (rollback and re-read);
 * - follow: RPC calls per new L1 block while following the tip one block at a time.
 * The chain is produced with `RollupSystem.proposeAt` (the tests' producer); its time is reported, not measured.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import type { PublicClient } from "viem";
import { BlobFetcher } from "../../src/node/blobs/BlobFetcher.js";
import { LocalBlobStore } from "../../src/node/blobs/LocalBlobStore.js";
import { L1Follower, type L1FollowerParameters } from "../../src/node/follower/L1Follower.js";
import { NodeStore } from "../../src/node/store/NodeStore.js";
import { markForkPoint, mineBlocks, mineCompetingBranch } from "../../src/node/testing/reorg.js";
import { RollupSystemBuilder } from "../../src/system/RollupSystemBuilder.js";

const L2_BLOCKS = Number(process.env.BENCH_L2_BLOCKS ?? 1000);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

const connection = await network.create();
const { provider } = connection;
const client = (await connection.viem.getPublicClient()) as unknown as PublicClient;
const startBlock = (await client.getBlockNumber()) + 1n;
// A proof window longer than the run: nothing is pruned, every block stays on the pending chain.
const system = await new RollupSystemBuilder(connection)
  .withValidators(48)
  .withCommitteeSize(16)
  .withProofs({ proofSubmissionEpochs: 1_000_000n })
  .build();
await system.warpToEpoch(2n);
await system.rollup.write.setupEpoch();
const contracts = { rollup: system.rollup.address, stakingEscrow: system.escrow.address };
const config = await system.config();
const blobs = new LocalBlobStore();

/** Proposes blocks in consecutive slots from `slot`; their blobs (with commitment and proof) go to the blob store. */
async function produce(firstSlot: bigint, count: number, log = false): Promise<bigint> {
  for (let i = 0; i < count; i++) {
    const { proposal, receipt } = await system.proposeAt(firstSlot + BigInt(i));
    if (receipt.status !== "success") throw new Error(`proposal in slot ${firstSlot + BigInt(i)} reverted`);
    const b = proposal.block.blobs;
    b.blobs.forEach((blob, k) => blobs.put(blob, { commitment: b.commitments[k], proof: b.proofs[k] }));
    if (log && (i + 1) % 100 === 0) console.error(`produced ${i + 1}/${count} L2 blocks`);
  }
  return firstSlot + BigInt(count);
}

const followerOf = (opts: Partial<L1FollowerParameters> = {}) =>
  new L1Follower({
    client,
    contracts,
    startBlock,
    config,
    blobs: new BlobFetcher([blobs]),
    store: NodeStore.open({
      path: ":memory:",
      clientVersion: "bench",
      identity: { chainId: 31337, contracts, startBlock },
    }),
    ...opts,
  });

const produceStarted = performance.now();
let slot = await produce(2n * 32n + 1n, L2_BLOCKS, true);
const produceMs = performance.now() - produceStarted;

// Resync: a fresh follower, empty store, from the deployment block to the head.
const fresh = followerOf();
const resyncStarted = performance.now();
const resync = await fresh.sync();
const resyncMs = performance.now() - resyncStarted;
const l2Blocks = fresh.store.count("l2Blocks");
const checked = fresh.store.rows("l2Blocks").filter((r) => r.availability === "available").length;
if (l2Blocks !== L2_BLOCKS || checked !== L2_BLOCKS)
  throw new Error(`resync stored ${l2Blocks} L2 blocks, ${checked} with checked blobs; expected ${L2_BLOCKS}`);

// Follow: one L1 block at a time, a proposal in every other one.
const follow: number[] = [];
for (let i = 0; i < 20; i++) {
  if (i % 2 === 0) slot = await produce(slot, 1);
  else await mineBlocks(provider, 1);
  const report = await fresh.sync();
  if (report.l1BlocksRead !== 1n) throw new Error(`follow step read ${report.l1BlocksRead} L1 blocks`);
  follow.push(report.rpcCalls);
}

// Reorg: 32 L1 blocks replaced, four L2 blocks among them dropped.
const fork = await markForkPoint(provider);
slot = await produce(slot, 4);
await mineBlocks(provider, 32 - Number((await client.getBlockNumber()) - fork.number));
await fresh.sync();
await mineCompetingBranch(provider, fork, { length: 33 });
const reorgStarted = performance.now();
const reorg = await fresh.sync();
const reorgMs = performance.now() - reorgStarted;
if (reorg.reorg?.depth !== 32n || reorg.changes.l2Blocks.dropped.length !== 4)
  throw new Error(`expected a depth-32 reorg dropping 4 L2 blocks, got ${reorg.reorg?.depth}`);
const check = followerOf();
await check.sync();
if (check.store.dump() !== fresh.store.dump()) throw new Error("the recovered store differs from a fresh resync");

const result = {
  resync: {
    l2Blocks,
    l2BlocksPerSecond: round(l2Blocks / (resyncMs / 1000)),
    seconds: round(resyncMs / 1000, 2),
    l1Blocks: Number(resync.l1BlocksRead),
    rpcCalls: resync.rpcCalls,
    blobsChecked: checked,
  },
  reorg: { depth: 32, recoveryMs: round(reorgMs), rpcCalls: reorg.rpcCalls, l2BlocksDropped: 4 },
  follow: {
    rpcCallsPerL1Block: round(follow.reduce((a, b) => a + b, 0) / follow.length, 2),
    min: Math.min(...follow),
    max: Math.max(...follow),
    l1Blocks: follow.length,
  },
  production: { l2Blocks: L2_BLOCKS, seconds: round(produceMs / 1000) },
};
await mkdir("reports", { recursive: true });
await writeFile("reports/node-bench.json", JSON.stringify(result, null, 2) + "\n");
console.log(JSON.stringify(result, null, 2));
blobs.close();
