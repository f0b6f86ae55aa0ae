import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { concat, keccak256, zeroHash, type Hex } from "viem";
import { hashHeader } from "../../src/sequencer/header.js";
import { RollupSystemBuilder } from "../../src/system/RollupSystemBuilder.js";
import type { RollupSystem } from "../../src/system/RollupSystem.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

async function system48(): Promise<RollupSystem> {
  const system = await new RollupSystemBuilder(connection).withValidators(48).withCommitteeSize(16).build();
  await system.warpToEpoch(1n);
  await system.rollup.write.setupEpoch(); // as the network does each epoch: fixes the seed of epoch 2
  await system.warpToEpoch(2n);
  return system;
}

describe("Rollup.propose", () => {
  it("accepts a block with one blob from the slot's proposer, signed by floor(2n/3)+1 members", async () => {
    const system = await networkHelpers.loadFixture(system48);
    const slot = 2n * 32n + 1n;
    const { proposal, receipt } = await system.proposeAt(slot);
    expect(receipt.status).to.equal("success");
    const client = await viem.getPublicClient();
    const block = await client.getBlock({ blockNumber: receipt.blockNumber });
    expect(block.blobGasUsed).to.equal(131072n);

    const [tip, archive] = await system.rollup.read.getPendingTip();
    expect(tip).to.equal(1n);
    expect(archive).to.equal(proposal.block.header.archive);
    const log = await system.rollup.read.getBlock([1n]);
    expect(log.slot).to.equal(slot);
    expect(log.coinbase.toLowerCase()).to.equal(proposal.block.header.coinbase.toLowerCase());
    const events = await system.rollup.getEvents.L2BlockProposed({}, { fromBlock: receipt.blockNumber });
    expect(events).to.have.length(1);
    expect(events[0].args.versionedHashes).to.deep.equal(proposal.block.blobs.versionedHashes);
    // Nobody called setupEpoch in epoch 2: its first propose fixed its committee (and the seed of epoch 3).
    const setUp = await system.rollup.getEvents.EpochSetUp({}, { fromBlock: receipt.blockNumber });
    expect(setUp.map((e) => [e.args.epoch, e.args.committeeSize])).to.deep.equal([[2n, 16n]]);
    const seeds = await system.rollup.getEvents.SeedFixed({}, { fromBlock: receipt.blockNumber });
    expect(seeds.map((e) => e.args.epoch)).to.deep.equal([3n]);
    const headerHash = hashHeader(proposal.block.header);
    expect(events[0].args.headerHash).to.equal(headerHash);
    expect(await system.rollup.read.getEpochAccumulator([2n])).to.equal(
      keccak256(concat([zeroHash, headerHash, ...proposal.block.blobs.versionedHashes])),
    );
  });

  it("accepts a block whose data spans several blobs", async () => {
    const system = await networkHelpers.loadFixture(system48);
    const { proposal, receipt } = await system.proposeAt(2n * 32n + 3n, { txCount: 3, txSize: 100_000 });
    expect(proposal.block.blobs.blobs).to.have.length(3);
    const client = await viem.getPublicClient();
    const block = await client.getBlock({ blockNumber: receipt.blockNumber });
    expect(block.blobGasUsed).to.equal(3n * 131072n);
    const events = await system.rollup.getEvents.L2BlockProposed({}, { fromBlock: receipt.blockNumber });
    expect(events[0].args.versionedHashes).to.deep.equal(proposal.block.blobs.versionedHashes);
    expect((await system.rollup.read.getPendingTip())[0]).to.equal(1n);
  });

  it("chains blocks and folds their header hashes and blobs into a per-epoch accumulator that restarts each epoch", async () => {
    const system = await networkHelpers.loadFixture(system48);
    const a = await system.proposeAt(2n * 32n + 1n);
    const b = await system.proposeAt(2n * 32n + 2n);
    const c = await system.proposeAt(3n * 32n);
    expect(b.proposal.block.header.lastArchive).to.equal(a.proposal.block.header.archive);
    expect(c.proposal.block.header.lastArchive).to.equal(b.proposal.block.header.archive);
    const fold = (acc: Hex, { proposal }: typeof a) =>
      keccak256(concat([acc, hashHeader(proposal.block.header), ...proposal.block.blobs.versionedHashes]));
    expect(await system.rollup.read.getEpochAccumulator([2n])).to.equal(fold(fold(zeroHash, a), b));
    expect(await system.rollup.read.getEpochAccumulator([3n])).to.equal(fold(zeroHash, c));
    const tips = await system.rollup.read.getTips();
    expect([tips.pendingBlockNumber, tips.provenBlockNumber]).to.deep.equal([3n, 0n]);
    expect((await system.rollup.read.getBlock([3n])).slot).to.equal(96n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      system.rollup.read.getBlock([4n]),
      system.rollup,
      "Rollup__UnknownBlock",
      [3n, 4n],
    );
  });
});
