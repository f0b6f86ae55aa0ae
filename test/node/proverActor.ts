import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { proofDeadline } from "../../src/chain/time.js";
import { LocalBlobStore } from "../../src/node/blobs/LocalBlobStore.js";
import { markForkPoint, mineCompetingBranch } from "../../src/node/testing/reorg.js";
import { deployFollowedSystem, resyncDump } from "./helpers/followedSystem.js";
import { actorNodes, proposedOf, proverOf } from "./helpers/actorNodes.js";

const connection = await network.create();
const { networkHelpers, provider } = connection;

const fixture = () => deployFollowedSystem(connection);
const SLOT0 = 2n * 32n + 1n;

describe("node actors: prover", () => {
  it("proves a complete epoch from the follower's store, and resubmits the proof a reorg dropped inside the window", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const n = await actorNodes(s);
    const prover = await proverOf(s, n, n.blobs);
    expect(await prover.tick()).to.deep.equal({ status: "idle" });
    const proposed = [];
    for (const slot of [SLOT0, SLOT0 + 1n]) {
      await networkHelpers.time.increaseTo(await s.system.slotStart(slot));
      proposed.push(proposedOf(await n.step()));
    }
    expect(await prover.tick()).to.deep.equal({ status: "waiting", epoch: 2n });

    await s.system.warpToEpoch(3n);
    await n.follower.sync();
    const fork = await markForkPoint(provider);
    const proof = await prover.tick();
    expect(proof).to.include({ status: "proven", epoch: 2n, startBlock: 1n, endBlock: 2n });
    await n.follower.sync();
    expect(await n.reader.tips()).to.deep.equal({ proven: 2n, pending: 2n });

    await mineCompetingBranch(provider, fork, { length: 2 });
    const report = await n.follower.sync();
    expect(report.changes.epochProofs.dropped.map((p) => [p.epoch, p.endBlock])).to.deep.equal([[2n, 2n]]);
    expect(await n.reader.tips()).to.deep.equal({ proven: 0n, pending: 2n });
    expect((await s.system.rollup.read.getTips()).provenBlockNumber).to.equal(0n);

    const now = (await s.publicClient.getBlock()).timestamp + 1n;
    expect(now < proofDeadline(n.config.clock, n.config.proofs.proofSubmissionEpochs, 2n)).to.equal(true);
    const resubmitted = await prover.tick();
    expect(resubmitted).to.include({ status: "proven", epoch: 2n, startBlock: 1n, endBlock: 2n });
    await n.follower.sync();
    expect(await n.reader.tips()).to.deep.equal({ proven: 2n, pending: 2n });
    expect(await prover.tick()).to.deep.equal({ status: "idle" });
    const proofs = n.follower.store.rows("epochProofs");
    expect(proofs.map((p) => [p.epoch, p.startBlock, p.endBlock, p.endArchive])).to.deep.equal([
      [2n, 1n, 2n, proposed[1].archive],
    ]); // one proof, not two
    expect((await s.system.rollup.read.getTips()).provenBlockNumber).to.equal(2n);
    expect(n.follower.store.dump()).to.equal(await resyncDump(s, n.blobs));
  });

  it("reports a block of the epoch whose blobs no source serves (withheld) as blobsUnavailable, and proves once they are served", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const n = await actorNodes(s);
    const served = new LocalBlobStore(); // not the sequencers' store: nothing is served until the test publishes it
    const prover = await proverOf(s, n, served);
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0));
    const block = proposedOf(await n.step()).proposal.block;
    await s.system.warpToEpoch(3n);
    await n.follower.sync();
    const tick = await prover.tick();
    expect(tick).to.include({ status: "blobsUnavailable", epoch: 2n, blockNumber: 1n });
    expect((tick as { reason: string }).reason).to.match(/^local: no blob 0x01[0-9a-f]{62}$/);
    expect((await s.system.rollup.read.getTips()).provenBlockNumber).to.equal(0n);

    block.blobs.blobs.forEach((b, i) => served.put(b, { commitment: block.blobs.commitments[i] }));
    expect(await prover.tick()).to.include({ status: "proven", epoch: 2n, startBlock: 1n, endBlock: 1n });
  });
});
