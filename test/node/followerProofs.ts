import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { epochStart } from "../../src/chain/time.js";
import { followerChainReader } from "../../src/node/actors/followerChainReader.js";
import { markForkPoint, mineCompetingBranch } from "../../src/node/testing/reorg.js";
import {
  archives,
  deployFollowedSystem,
  followerOf,
  resyncDump,
  type FollowedSystem,
} from "./helpers/followedSystem.js";

const connection = await network.create();
const { networkHelpers, provider, viem } = connection;

const fixture = () => deployFollowedSystem(connection);
const SLOT0 = 2n * 32n + 1n;

/** Two blocks of epoch 2 proposed, the system's prover client, and the deadline of epoch 2 (window of 1 epoch). */
async function twoUnprovenBlocks(s: FollowedSystem) {
  const proposed = [await s.system.proposeAt(SLOT0), await s.system.proposeAt(SLOT0 + 1n)];
  const [, proverWallet] = await viem.getWalletClients();
  const prover = await s.system.proverClient(proverWallet);
  const config = await s.system.config();
  const deadline = epochStart(config.clock, 2n + 1n + config.proofs.proofSubmissionEpochs);
  const reader = (f: ReturnType<typeof followerOf>) =>
    followerChainReader({ store: f.store, genesisArchive: config.genesisArchive });
  return { proposed, prover, deadline, reader };
}

describe("L1Follower: proofs and prunes through reorgs", () => {
  it("a reorg makes a proof late: the follower predicts the prune (as canPruneAtTime does), then reports it", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { proposed, prover, deadline, reader } = await twoUnprovenBlocks(s);
    const follower = followerOf(s);
    const first = await follower.sync();
    expect(first.prune).to.deep.equal({ epoch: 2n, provenTip: 0n, pendingTip: 2n, deadline, due: false });
    for (const ts of [deadline - 1n, deadline])
      expect(await follower.canPruneAtTime(ts)).to.equal(await s.system.rollup.read.canPruneAtTime([ts]));
    expect(await follower.canPruneAtTime(deadline)).to.equal(true);

    await s.system.warpToEpoch(3n);
    const fork = await markForkPoint(provider);
    expect(await prover.tick()).to.include({ status: "proven", epoch: 2n });
    const proven = await follower.sync();
    expect(proven.changes.epochProofs.added.map((p) => p.epoch)).to.deep.equal([2n]);
    expect(proven.prune).to.equal(null);
    expect(await follower.canPruneAtTime(deadline)).to.equal(false);

    // The competing branch has no proof and reaches the deadline: the dropped proof can no longer be sent.
    await mineCompetingBranch(provider, fork, { length: 2, build: () => networkHelpers.time.increaseTo(deadline) });
    const late = await follower.sync();
    expect(late.changes.epochProofs.dropped.map((p) => [p.epoch, p.endBlock])).to.deep.equal([[2n, 2n]]);
    expect(late.prune).to.deep.equal({ epoch: 2n, provenTip: 0n, pendingTip: 2n, deadline, due: true });
    const next = (await s.publicClient.getBlock()).timestamp + 1n;
    expect(await s.system.rollup.read.canPruneAtTime([next])).to.equal(true);
    expect(await prover.tick()).to.deep.include({ status: "missed", epoch: 2n });

    await s.system.rollup.write.prune();
    const pruned = await follower.sync();
    expect(pruned.changes.prunes.added.map((p) => [p.epoch, p.provenTip, p.prunedPendingTip])).to.deep.equal([
      [2n, 0n, 2n],
    ]);
    expect(pruned.prune).to.equal(null);
    expect(await reader(follower).tips()).to.deep.equal({ proven: 0n, pending: 0n });
    expect(archives(follower.store).map(([n]) => n)).to.deep.equal([1n, 2n]); // the events stay; the chain view drops them
    expect(reader(follower).block(1n)).to.equal(undefined);
    expect(proposed).to.have.length(2);
    expect(follower.store.dump()).to.equal(await resyncDump(s));
  });

  it("a reorg adds a proof the follower had not seen: the pruned blocks are restored", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { proposed, prover, deadline, reader } = await twoUnprovenBlocks(s);
    await s.system.warpToEpoch(3n);
    const fork = await markForkPoint(provider);
    await networkHelpers.time.increaseTo(deadline);
    await s.system.rollup.write.prune();
    const follower = followerOf(s);
    const before = await follower.sync();
    expect(before.changes.prunes.added.map((p) => p.epoch)).to.deep.equal([2n]);
    expect(await reader(follower).tips()).to.deep.equal({ proven: 0n, pending: 0n });

    let proof: Awaited<ReturnType<typeof prover.tick>> | undefined;
    await mineCompetingBranch(provider, fork, { length: 3, build: async () => void (proof = await prover.tick()) });
    expect(proof).to.include({ status: "proven", epoch: 2n, startBlock: 1n, endBlock: 2n });
    const report = await follower.sync();
    expect(report.changes.prunes.dropped.map((p) => p.epoch)).to.deep.equal([2n]);
    expect(report.changes.epochProofs.added.map((p) => [p.epoch, p.startBlock, p.endBlock])).to.deep.equal([
      [2n, 1n, 2n],
    ]);
    expect(report.changes.l2Blocks.dropped).to.deep.equal([]); // the blocks' own events were never dropped
    expect(report.prune).to.equal(null);
    const chain = reader(follower);
    expect(await chain.tips()).to.deep.equal({ proven: 2n, pending: 2n });
    expect(await chain.pendingTip()).to.deep.equal({
      blockNumber: 2n,
      archive: proposed[1].proposal.block.header.archive,
    });
    expect(await chain.archiveOf(1n)).to.equal(proposed[0].proposal.block.header.archive);
    const tips = await s.system.rollup.read.getTips();
    expect([tips.provenBlockNumber, tips.pendingBlockNumber]).to.deep.equal([2n, 2n]); // the chain agrees
    expect(follower.store.dump()).to.equal(await resyncDump(s));
  });
});
