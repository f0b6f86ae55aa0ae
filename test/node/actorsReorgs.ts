import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { keccak256, toHex } from "viem";
import { proposerOf } from "../../src/committee/computeCommittee.js";
import { markForkPoint, mineCompetingBranch } from "../../src/node/testing/reorg.js";
import { proposeBlock } from "../../src/sequencer/proposeBlock.js";
import { archives, deployFollowedSystem, resyncDump } from "./helpers/followedSystem.js";
import { actorNodes, proposedOf } from "./helpers/actorNodes.js";

const connection = await network.create();
const { networkHelpers, provider } = connection;

const fixture = () => deployFollowedSystem(connection);
const SLOT0 = 2n * 32n + 1n;
const LAST_OF_EPOCH_2 = 3n * 32n - 1n;

describe("node actors: reorgs across epochs and L1 blocks", () => {
  it("a reorg across an epoch boundary (other randomness on the new branch) leaves the current committee unchanged", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const n = await actorNodes(s);
    await networkHelpers.time.increaseTo(await s.system.slotStart(LAST_OF_EPOCH_2));
    const first = proposedOf(await n.step());
    const fork = await markForkPoint(provider);
    const committee = await s.system.committee(3n); // its seed was fixed in epoch 2, before the fork
    await networkHelpers.time.increaseTo(await s.system.slotStart(LAST_OF_EPOCH_2 + 1n));
    const dropped = proposedOf(await n.step());
    expect(dropped).to.include({ slot: LAST_OF_EPOCH_2 + 1n, blockNumber: 2n });

    const later = await s.system.slotStart(LAST_OF_EPOCH_2 + 2n);
    await mineCompetingBranch(provider, fork, {
      length: 3,
      build: async () => {
        await provider.request({ method: "hardhat_setPrevRandao", params: [keccak256(toHex("other branch"))] });
        await networkHelpers.time.increaseTo(later);
      },
    });
    const report = await n.follower.sync();
    expect(report.changes.l2Blocks.dropped.map((r) => r.archive)).to.deep.equal([dropped.archive]);
    expect(await s.system.committee(3n)).to.deep.equal(committee);

    const next = proposedOf(await n.step());
    expect(next).to.include({ slot: LAST_OF_EPOCH_2 + 2n, blockNumber: 2n, reproposal: false });
    expect(next.proposal.proposer).to.equal(proposerOf(committee, LAST_OF_EPOCH_2 + 2n));
    expect(next.proposal.block.header.lastArchive).to.equal(first.archive);
    expect(await s.system.rollup.read.getPendingTip()).to.deep.equal([2n, next.archive]);
    expect(n.follower.store.dump()).to.equal(await resyncDump(s, n.blobs));
  });

  it("a reorg moves a proposal to a later L1 block (same slot, same archive): taken as moved, its L1 metadata updated", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const n = await actorNodes(s);
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0));
    const first = proposedOf(await n.step());
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0 + 1n));
    const fork = await markForkPoint(provider);
    const sent = proposedOf(await n.step());
    const before = n.reader.block(2n)!;
    expect(before.l1Block).to.equal(fork.number + 1n);

    // The same transaction contents land one L1 block later on the competing branch; the follower syncs once.
    const { block, attestations, committee, proposer } = sent.proposal;
    let txHash: `0x${string}` | undefined;
    await mineCompetingBranch(provider, fork, {
      length: 2,
      build: async () => {
        await provider.request({ method: "evm_mine" });
        txHash = await proposeBlock({
          wallet: await s.system.walletFor(s.system.accountOf(proposer)),
          rollup: s.system.rollup.address,
          header: block.header,
          attestations,
          committee,
          blobs: block.blobs.blobs,
          packedCommitments: block.blobs.packedCommitments,
          sidecars: block.blobs,
        });
        await s.publicClient.waitForTransactionReceipt({ hash: txHash });
      },
    });
    const report = await n.follower.sync();
    expect(report.reorg!.depth).to.equal(1n);
    const l2 = report.changes.l2Blocks;
    expect([l2.added, l2.dropped, l2.replaced]).to.deep.equal([[], [], []]);
    expect(l2.moved.map((m) => [m.before.l1Block, m.after.l1Block, m.after.archive])).to.deep.equal([
      [fork.number + 1n, fork.number + 2n, sent.archive],
    ]);
    const after = n.reader.block(2n)!;
    expect([after.l1Block, after.txHash, after.slot, after.availability]).to.deep.equal([
      fork.number + 2n,
      txHash,
      SLOT0 + 1n,
      "available",
    ]);
    expect(await n.reader.pendingTip()).to.deep.equal({ blockNumber: 2n, archive: sent.archive });

    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0 + 2n));
    const next = proposedOf(await n.step());
    expect(next).to.include({ slot: SLOT0 + 2n, blockNumber: 3n });
    expect(archives(n.follower.store)).to.deep.equal([
      [1n, first.archive],
      [2n, sent.archive],
      [3n, next.archive],
    ]);
    expect(n.follower.store.dump()).to.equal(await resyncDump(s, n.blobs));
  });
});
