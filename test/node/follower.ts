import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { markForkPoint, mineBlocks, mineCompetingBranch } from "../../src/node/testing/reorg.js";
import { hashHeader } from "../../src/sequencer/header.js";
import { NodeError } from "../../src/node/NodeError.js";
import { BlobFetcher } from "../../src/node/blobs/BlobFetcher.js";
import { LocalBlobStore } from "../../src/node/blobs/LocalBlobStore.js";
import { archives, deployFollowedSystem, followerOf, resyncDump, sendMessage } from "./helpers/followedSystem.js";

const connection = await network.create();
const { networkHelpers, provider } = connection;

const fixture = () => deployFollowedSystem(connection);
const SLOT0 = 2n * 32n + 1n;

describe("L1Follower", () => {
  it("reads every L2 block, message and deposit from the deployment block to the head", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const a = await s.system.proposeAt(SLOT0);
    await sendMessage(s, 7n);
    const b = await s.system.proposeAt(SLOT0 + 1n);
    const follower = followerOf(s);
    const report = await follower.sync();
    expect(report.reorg).to.equal(null);
    expect(report.changes.l2Blocks.added.map((r) => [r.blockNumber, r.archive, r.slot])).to.deep.equal([
      [1n, a.proposal.block.header.archive, SLOT0],
      [2n, b.proposal.block.header.archive, SLOT0 + 1n],
    ]);
    expect(report.changes.l2Blocks.added[0].versionedHashes).to.deep.equal(a.proposal.block.blobs.versionedHashes);
    expect(report.changes.l2Blocks.added[0].headerHash).to.equal(hashHeader(a.proposal.block.header));
    expect(report.changes.l2Blocks.added[0].l1Block).to.equal(a.receipt.blockNumber);
    expect(report.changes.inboxMessages.added.map((m) => m.content)).to.deep.equal([`0x${"0".repeat(62)}07`]);
    expect(report.changes.deposits.added).to.have.length(48); // the 48 validators the fixture staked
    expect(follower.store.tip()).to.deep.include({ number: report.head.number, hash: report.head.hash });
    expect(follower.state).to.equal("following");
    const again = await follower.sync(); // nothing new: nothing added, nothing dropped
    expect(again.changes.l2Blocks.added).to.deep.equal([]);
    expect(again.rpcCalls).to.equal(1);
  });

  it("checks each L2 block's blobs before storing it, and marks a block whose blob it cannot have unavailable", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const a = await s.system.proposeAt(SLOT0);
    const b = await s.system.proposeAt(SLOT0 + 1n);
    const local = new LocalBlobStore();
    for (const [i, blob] of a.proposal.block.blobs.blobs.entries())
      expect(local.put(blob)).to.equal(a.proposal.block.blobs.versionedHashes[i]);
    const follower = followerOf(s, { blobs: new BlobFetcher([local]) });
    await follower.sync();
    const [first, second] = follower.store.rows("l2Blocks");
    expect([first.availability, first.availabilityReason]).to.deep.equal(["available", null]);
    expect(second.availability).to.equal("unavailable");
    expect(second.availabilityReason).to.equal(`local: no blob ${b.proposal.block.blobs.versionedHashes[0]}`);
    local.close();
  });

  it("re-checks an unavailable pending block once per new L1 block and marks it available once its blobs are had", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const a = await s.system.proposeAt(SLOT0);
    const b = await s.system.proposeAt(SLOT0 + 1n);
    const c = await s.system.proposeAt(SLOT0 + 2n); // a withheld proposal: nobody ever serves its blob
    const local = new LocalBlobStore();
    for (const blob of a.proposal.block.blobs.blobs) local.put(blob);
    const follower = followerOf(s, { blobs: new BlobFetcher([local]) });
    await follower.sync();
    const availability = () => follower.store.rows("l2Blocks").map((r) => [r.blockNumber, r.availability]);
    expect(availability()).to.deep.equal([
      [1n, "available"],
      [2n, "unavailable"],
      [3n, "unavailable"],
    ]);
    for (const blob of b.proposal.block.blobs.blobs) local.put(blob); // served late (e.g. a partition healed)
    const same = await follower.sync(); // the same L1 head: nothing re-checked
    expect(same.blobsRecovered).to.deep.equal([]);
    expect(availability()[1]).to.deep.equal([2n, "unavailable"]);
    await networkHelpers.mine();
    const next = await follower.sync();
    expect(next.blobsRecovered).to.deep.equal([2n]);
    expect(availability()).to.deep.equal([
      [1n, "available"],
      [2n, "available"],
      [3n, "unavailable"],
    ]);
    expect(follower.store.rows("l2Blocks")[1].availabilityReason).to.equal(null);
    expect(follower.store.rows("l2Blocks")[2].availabilityReason).to.equal(
      `local: no blob ${c.proposal.block.blobs.versionedHashes[0]}`,
    );
    expect(follower.store.dump()).to.equal(await resyncDump(s, local));
    await networkHelpers.mine();
    expect((await follower.sync()).blobsRecovered).to.deep.equal([]); // still withheld
    local.close();
  });

  it("drops the L2 block of a depth-1 reorg and takes the block that replaced it", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    await s.system.proposeAt(SLOT0);
    const fork = await markForkPoint(provider);
    const old = await s.system.proposeAt(SLOT0 + 1n);
    const follower = followerOf(s);
    await follower.sync();
    expect(archives(follower.store).map(([n]) => n)).to.deep.equal([1n, 2n]);

    let replacement: Awaited<ReturnType<typeof s.system.proposeAt>> | undefined;
    const reorg = await mineCompetingBranch(provider, fork, {
      length: 2,
      build: async () => {
        replacement = await s.system.proposeAt(SLOT0 + 2n); // block 2 again, in a later slot
      },
    });
    expect(reorg.depth).to.equal(1n);
    const report = await follower.sync();
    expect(report.reorg).to.deep.equal({ depth: 1n, commonAncestor: { number: fork.number, hash: fork.hash } });
    const [replaced] = report.changes.l2Blocks.replaced;
    expect(report.changes.l2Blocks.replaced).to.have.length(1);
    expect([replaced.before.archive, replaced.after.archive]).to.deep.equal([
      old.proposal.block.header.archive,
      replacement!.proposal.block.header.archive,
    ]);
    expect(replaced.after.slot).to.equal(SLOT0 + 2n);
    expect(report.changes.l2Blocks.dropped).to.deep.equal([]);
    expect(report.changes.l2Blocks.added).to.deep.equal([]);
    expect(archives(follower.store)).to.deep.equal([
      [1n, (await s.system.rollup.read.getBlock([1n])).archive],
      [2n, replacement!.proposal.block.header.archive],
    ]);
    expect(follower.store.dump()).to.equal(await resyncDump(s));
  });

  it("drops three L2 blocks in a depth-5 reorg, and nothing else", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    await s.system.proposeAt(SLOT0);
    const fork = await markForkPoint(provider);
    const dropped = [];
    for (const slot of [SLOT0 + 1n, SLOT0 + 2n, SLOT0 + 3n]) dropped.push(await s.system.proposeAt(slot));
    await mineBlocks(provider, 2);
    const follower = followerOf(s);
    const before = await follower.sync();
    expect(before.changes.l2Blocks.added).to.have.length(4);

    const reorg = await mineCompetingBranch(provider, fork, { length: 6 });
    expect(reorg.depth).to.equal(5n);
    const report = await follower.sync();
    expect(report.reorg!.depth).to.equal(5n);
    expect(report.reorg!.commonAncestor.number).to.equal(fork.number);
    expect(report.changes.l2Blocks.dropped.map((r) => [r.blockNumber, r.archive])).to.deep.equal(
      dropped.map((d, i) => [BigInt(i + 2), d.proposal.block.header.archive]),
    );
    expect(report.changes.l2Blocks.added).to.deep.equal([]);
    expect(report.changes.deposits.dropped).to.deep.equal([]);
    expect(archives(follower.store).map(([n]) => n)).to.deep.equal([1n]);
    expect((await s.system.rollup.read.getPendingTip())[0]).to.equal(1n); // the chain agrees
    expect(follower.store.dump()).to.equal(await resyncDump(s));
  });

  it("stops with a one-line error naming the depth and the last common block on a reorg deeper than its horizon", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    await s.system.proposeAt(SLOT0);
    const follower = followerOf(s, { horizon: 4 });
    await follower.sync();
    const fork = await markForkPoint(provider);
    const common = follower.store.l1BlocksAtOrBelow(fork.number, 1)[0];
    await s.system.proposeAt(SLOT0 + 1n);
    await mineBlocks(provider, 5);
    await follower.sync();
    const before = follower.store.dump();

    await mineCompetingBranch(provider, fork, { length: 8 });
    const depth = follower.store.tip()!.number - common.number;
    const error = await follower.sync().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(NodeError);
    expect((error as NodeError).code).to.equal("ReorgBeyondHorizon");
    expect((error as NodeError).message).to.equal(
      `L1 reorganised ${depth} blocks deep, beyond the horizon of 4; last common block ${common.number} (${common.hash}); the follower stopped. Expected: a reorg of at most 4 L1 blocks. Given: ${depth} blocks.`,
    );
    expect((error as NodeError).message).to.not.include("\n");
    expect(follower.state).to.equal("stopped");
    expect(follower.store.dump()).to.equal(before); // nothing rolled back, nothing read
    await follower.sync().then(
      () => expect.fail("a stopped follower synced"),
      (e: unknown) => expect(e).to.equal(error),
    );
  });
});
