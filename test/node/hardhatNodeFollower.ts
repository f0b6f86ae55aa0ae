import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { BlobFetcher } from "../../src/node/blobs/BlobFetcher.js";
import { NodeStore } from "../../src/node/store/NodeStore.js";
import { markForkPoint, mineCompetingBranch } from "../../src/node/testing/reorg.js";
import { useHardhatNode } from "../helpers/hardhatNode.js";
import { type Connection } from "../helpers/rollupSystem.js";
import {
  archives,
  deployFollowedSystem,
  followerOf,
  resyncDump,
  type FollowedSystem,
} from "./helpers/followedSystem.js";
import { actorNodes, proposedOf, proverOf } from "./helpers/actorNodes.js";

const SLOT0 = 2n * 32n + 1n;

/**
 * Scenarios 1, 4 and 13 of the node's acceptance list against a real `npx hardhat node` (JSON-RPC over HTTP on a
 * free loopback port, stopped by its PID): one deployment, the scenarios in order on its chain.
 */
describe("node against `npx hardhat node`: follower, sequencers, attesters and prover", () => {
  const hardhatNode = useHardhatNode(`node-follower-test-${process.pid}`);
  let connection: Connection;
  let s: FollowedSystem;
  let n: Awaited<ReturnType<typeof actorNodes>>;
  const dir = mkdtempSync(path.join(tmpdir(), "node-hh-"));
  const file = path.join(dir, "node.sqlite");
  const open = () =>
    NodeStore.open({
      path: file,
      clientVersion: "test",
      identity: { chainId: 31337, contracts: s.contracts, startBlock: s.startBlock },
    });

  before(async () => {
    connection = await network.create({ network: "localhost", override: { url: hardhatNode().url } });
    s = await deployFollowedSystem(connection);
    n = await actorNodes(s, { store: open() });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("1: a depth-1 reorg drops a proposal; the same block is re-proposed in the same slot", async () => {
    const { networkHelpers, provider } = connection;
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0));
    const first = proposedOf(await n.step());
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0 + 1n));
    const fork = await markForkPoint(provider);
    const dropped = proposedOf(await n.step());
    await mineCompetingBranch(provider, fork, { length: 1 });
    const report = await n.follower.sync();
    expect(report.reorg).to.deep.equal({ depth: 1n, commonAncestor: { number: fork.number, hash: fork.hash } });
    expect(report.changes.l2Blocks.dropped.map((r) => r.archive)).to.deep.equal([dropped.archive]);
    const reproposed = proposedOf(await n.step());
    expect(reproposed).to.include({ slot: SLOT0 + 1n, blockNumber: 2n, archive: dropped.archive, reproposal: true });
    expect(archives(n.follower.store)).to.deep.equal([
      [1n, first.archive],
      [2n, dropped.archive],
    ]);
    expect(n.follower.store.dump()).to.equal(await resyncDump(s, n.blobs));
  });

  it("4: a reorg drops the epoch proof; the prover resubmits inside the window", async () => {
    const { provider } = connection;
    const prover = await proverOf(s, n, n.blobs);
    await s.system.warpToEpoch(3n);
    await n.follower.sync();
    const fork = await markForkPoint(provider);
    expect(await prover.tick()).to.include({ status: "proven", epoch: 2n, startBlock: 1n, endBlock: 2n });
    await n.follower.sync();
    expect(await n.reader.tips()).to.deep.equal({ proven: 2n, pending: 2n });
    await mineCompetingBranch(provider, fork, { length: 2 });
    const report = await n.follower.sync();
    expect(report.changes.epochProofs.dropped.map((p) => p.epoch)).to.deep.equal([2n]);
    expect(await n.reader.tips()).to.deep.equal({ proven: 0n, pending: 2n });
    expect(await prover.tick()).to.include({ status: "proven", epoch: 2n, startBlock: 1n, endBlock: 2n });
    await n.follower.sync();
    expect(await n.reader.tips()).to.deep.equal({ proven: 2n, pending: 2n });
    expect(n.follower.store.rows("epochProofs")).to.have.length(1);
    expect((await s.system.rollup.read.getTips()).provenBlockNumber).to.equal(2n);
    expect(n.follower.store.dump()).to.equal(await resyncDump(s, n.blobs));
  });

  it("13: a resync from genesis equals the live state, blobs included; a restart continues from the store file", async () => {
    const live = n.follower.store.dump();
    const blobs = new BlobFetcher([n.blobs]);
    const fresh = followerOf(s, { maxRange: 5, blobs });
    await fresh.sync();
    expect(fresh.store.dump()).to.equal(live);
    expect(fresh.store.rows("l2Blocks").every((r) => r.availability === "available")).to.equal(true);

    n.follower.store.close();
    const { proposal } = await s.system.proposeAt(3n * 32n + 1n);
    const { blobs: sent } = proposal.block;
    sent.blobs.forEach((blob, i) => n.blobs.put(blob, { commitment: sent.commitments[i], proof: sent.proofs[i] }));
    const restarted = followerOf(s, { store: open(), blobs });
    const report = await restarted.sync();
    expect(report.l1BlocksRead < 5n).to.equal(true); // only the new blocks, not the chain from genesis
    expect(report.changes.l2Blocks.added.map((r) => [r.blockNumber, r.availability])).to.deep.equal([
      [3n, "available"],
    ]);
    expect(restarted.store.dump()).to.equal(await resyncDump(s, n.blobs));
    restarted.store.close();
  });
});
