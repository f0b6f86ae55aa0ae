import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { markForkPoint, mineCompetingBranch } from "../../src/node/testing/reorg.js";
import { proposeBlock } from "../../src/sequencer/proposeBlock.js";
import { expectRefused } from "../helpers/expectRefused.js";
import { archives, deployFollowedSystem, resyncDump } from "./helpers/followedSystem.js";
import { actorNodes, proposedOf } from "./helpers/actorNodes.js";

const connection = await network.create();
const { networkHelpers, provider } = connection;

const fixture = () => deployFollowedSystem(connection);
const SLOT0 = 2n * 32n + 1n;

describe("node actors: sequencer and attesters through reorgs", () => {
  it("proposes once per slot on the follower's tip, and re-proposes the same block in the same slot after a depth-1 reorg dropped it", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const n = await actorNodes(s);
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0));
    const first = proposedOf(await n.step());
    expect(first).to.include({ slot: SLOT0, blockNumber: 1n, reproposal: false, attestations: 16 });
    const again = await n.step();
    expect(again.map((t) => t.status).sort()).to.deep.equal(["alreadyProposed", "notProposer"]);

    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0 + 1n));
    const fork = await markForkPoint(provider);
    const dropped = proposedOf(await n.step());
    expect(dropped).to.include({ slot: SLOT0 + 1n, blockNumber: 2n });
    const reorg = await mineCompetingBranch(provider, fork, { length: 1 });
    expect(reorg.depth).to.equal(1n);
    const report = await n.follower.sync();
    expect(report.changes.l2Blocks.dropped.map((r) => r.archive)).to.deep.equal([dropped.archive]);
    expect((await n.reader.pendingTip()).blockNumber).to.equal(1n);

    const reproposed = proposedOf(await n.step());
    expect(reproposed).to.include({ slot: SLOT0 + 1n, blockNumber: 2n, archive: dropped.archive, reproposal: true });
    expect(archives(n.follower.store)).to.deep.equal([
      [1n, first.archive],
      [2n, dropped.archive],
    ]);
    expect(await s.system.rollup.read.getPendingTip()).to.deep.equal([2n, dropped.archive]);
    expect(n.follower.store.rows("l2Blocks").every((r) => r.availability === "available")).to.equal(true);
    expect(n.follower.store.dump()).to.equal(await resyncDump(s, n.blobs));
  });

  it("a reorg that pushes a proposal into the next slot: resending it is refused with the slot error, and the next proposer builds on the real tip", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const n = await actorNodes(s);
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0));
    const first = proposedOf(await n.step());
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0 + 1n));
    const fork = await markForkPoint(provider);
    const dropped = proposedOf(await n.step());
    const next = await s.system.slotStart(SLOT0 + 2n);
    await mineCompetingBranch(provider, fork, {
      length: 2,
      build: () => networkHelpers.time.increaseTo(next),
    });
    const report = await n.follower.sync();
    expect(report.changes.l2Blocks.dropped.map((r) => r.blockNumber)).to.deep.equal([2n]);

    const { block, attestations, committee, proposer } = dropped.proposal;
    const wallet = await s.system.walletFor(s.system.accountOf(proposer));
    const resend = () =>
      proposeBlock({
        wallet,
        rollup: s.system.rollup.address,
        header: block.header,
        attestations,
        committee,
        blobs: block.blobs.blobs,
        packedCommitments: block.blobs.packedCommitments,
      });
    await expectRefused(s.system, resend, "Rollup__WrongSlot", [SLOT0 + 2n, SLOT0 + 1n]);

    await n.follower.sync();
    const continued = proposedOf(await n.step());
    expect(continued).to.include({ slot: SLOT0 + 2n, blockNumber: 2n, reproposal: false });
    expect(continued.proposal.block.header.lastArchive).to.equal(first.archive);
    expect(continued.archive).to.not.equal(dropped.archive);
    expect(archives(n.follower.store)).to.deep.equal([
      [1n, first.archive],
      [2n, continued.archive],
    ]);
    expect(await s.system.rollup.read.getPendingTip()).to.deep.equal([2n, continued.archive]);
    expect(n.follower.store.dump()).to.equal(await resyncDump(s, n.blobs));
  });

  it("a depth-5 reorg drops three L2 blocks; production continues on the real tip", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const n = await actorNodes(s);
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0));
    const first = proposedOf(await n.step());
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0 + 1n));
    const fork = await markForkPoint(provider);
    const dropped = [proposedOf(await n.step())];
    for (const slot of [SLOT0 + 2n, SLOT0 + 3n]) {
      await networkHelpers.time.increaseTo(await s.system.slotStart(slot));
      dropped.push(proposedOf(await n.step()));
    }
    expect(archives(n.follower.store).map(([b]) => b)).to.deep.equal([1n, 2n, 3n, 4n]);

    const later = await s.system.slotStart(SLOT0 + 4n);
    const reorg = await mineCompetingBranch(provider, fork, {
      length: 6,
      build: () => networkHelpers.time.increaseTo(later),
    });
    expect(reorg.depth).to.equal(5n);
    const report = await n.follower.sync();
    expect(report.reorg!.depth).to.equal(5n);
    expect(report.changes.l2Blocks.dropped.map((r) => [r.blockNumber, r.archive])).to.deep.equal(
      dropped.map((d) => [d.blockNumber, d.archive]),
    );
    expect(await n.reader.pendingTip()).to.deep.equal({ blockNumber: 1n, archive: first.archive });

    const resumed = [proposedOf(await n.step())];
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0 + 5n));
    resumed.push(proposedOf(await n.step()));
    expect(resumed.map((t) => [t.slot, t.blockNumber, t.reproposal])).to.deep.equal([
      [SLOT0 + 4n, 2n, false],
      [SLOT0 + 5n, 3n, false],
    ]);
    expect(resumed[0].proposal.block.header.lastArchive).to.equal(first.archive);
    expect(archives(n.follower.store)).to.deep.equal([
      [1n, first.archive],
      [2n, resumed[0].archive],
      [3n, resumed[1].archive],
    ]);
    expect(await s.system.rollup.read.getPendingTip()).to.deep.equal([3n, resumed[1].archive]);
    expect(n.follower.store.dump()).to.equal(await resyncDump(s, n.blobs));
  });
});
