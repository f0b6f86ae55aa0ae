import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { encodeFunctionData, keccak256, type Address } from "viem";
import { RollupSystemBuilder } from "../../src/system/RollupSystemBuilder.js";
import { validatorAccount } from "../../src/system/validatorKeys.js";
import type { RollupSystem } from "../../src/system/RollupSystem.js";
import { computeCommittee, proposerOf } from "../../src/committee/computeCommittee.js";
import { sampleIndices } from "../../src/committee/sampleIndices.js";
import { packCommittee } from "../../src/sequencer/attestations.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

async function system(validators: number, committeeSize: number): Promise<RollupSystem> {
  const s = await new RollupSystemBuilder(connection)
    .withValidators(validators)
    .withCommitteeSize(committeeSize)
    .build();
  await s.warpToEpoch(1n);
  await s.rollup.write.setupEpoch(); // as the network does each epoch: fixes the seed of epoch 2
  await s.warpToEpoch(2n);
  return s;
}
const system48 = () => system(48, 16);
const receiptOf = async (hash: `0x${string}`) => (await viem.getPublicClient()).waitForTransactionReceipt({ hash });

async function setSizeFor(s: RollupSystem, epoch: bigint): Promise<bigint> {
  return s.escrow.read.getSetSize([s.rollup.address, await s.rollup.read.getSnapshotTime([epoch])]);
}

async function expectCommittee(s: RollupSystem, epoch: bigint, size: number, setSize: number) {
  const onChain = (await s.rollup.read.getEpochCommittee([epoch])) as Address[];
  const offChain = await s.committee(epoch);
  expect(onChain).to.deep.equal(offChain.committee);
  expect(onChain).to.have.length(size);
  expect(new Set(onChain.map((a) => a.toLowerCase())).size).to.equal(size, "members are distinct");
  const set = new Set(Array.from({ length: setSize }, (_, i) => validatorAccount(i).address.toLowerCase()));
  for (const member of onChain) expect(set.has(member.toLowerCase()), `${member} is a validator`).to.equal(true);
  await s.rollup.write.setupEpoch();
  expect(await s.rollup.read.getCommitteeHash([epoch])).to.equal(keccak256(packCommittee(onChain)));
  return onChain;
}

describe("Rollup committees", () => {
  it("samples 16 distinct validators of 48, matching the off-chain computation", async () => {
    const s = await networkHelpers.loadFixture(system48);
    await expectCommittee(s, 2n, 16, 48);
  });

  it("samples 128 distinct validators of 300", async () => {
    const s = await system(300, 128);
    await expectCommittee(s, 2n, 128, 300);
  });

  it("samples 128 distinct validators of 3,000", async () => {
    const s = await system(3000, 128);
    await expectCommittee(s, 2n, 128, 3000);
  });

  it("takes the whole set when it is smaller than the target committee", async () => {
    const s = await system(10, 16);
    const committee = await expectCommittee(s, 2n, 10, 10);
    expect(new Set(committee).size).to.equal(10);
  });

  it("rotates proposers over two epochs exactly as src/committee computes them", async () => {
    const s = await networkHelpers.loadFixture(system48);
    await s.rollup.write.setupEpoch(); // in epoch 2: fixes the seed of epoch 3
    const genesis = await s.genesisTime();
    const proposers: Address[] = [];
    for (const epoch of [2n, 3n]) {
      const committee = await computeCommittee({
        client: await viem.getPublicClient(),
        rollup: s.rollup.address,
        epoch,
      });
      for (let slot = epoch * 32n; slot < (epoch + 1n) * 32n; slot++) {
        const expected = proposerOf(committee, slot)!;
        expect(await s.rollup.read.getProposerAt([genesis + slot * 36n + 35n])).to.equal(expected);
        proposers.push(expected);
      }
    }
    expect(new Set(proposers).size).to.be.greaterThan(8, "proposers rotate within the committee");
    // The computed proposers are the ones the Rollup accepts: one block at the end of epoch 2, one at the start of 3.
    for (const slot of [2n * 32n + 31n, 3n * 32n]) {
      const { proposal } = await s.proposeAt(slot);
      expect(proposal.proposer!.address).to.equal(proposers[Number(slot - 64n)]);
    }
    expect((await s.rollup.read.getPendingTip())[0]).to.equal(2n);
    expect(await s.rollup.read.getCurrentProposer()).to.equal(proposers[32]);
  });

  it("reads a set-up epoch's proposers from the proposer ring: the same proposers, without re-sampling", async () => {
    const s = await networkHelpers.loadFixture(system48);
    const client = await viem.getPublicClient();
    const genesis = await s.genesisTime();
    const at = (slot: bigint) => genesis + slot * 36n + 35n;
    const gasOf = async (slot: bigint) =>
      client.estimateGas({
        to: s.rollup.address,
        data: encodeFunctionData({ abi: s.rollup.abi, functionName: "getProposerAt", args: [at(slot)] }),
      });
    // Epoch 2 is not set up yet in this fixture (its seed is fixed): computed by sampling.
    const computed: Address[] = [];
    for (let slot = 64n; slot < 96n; slot++) computed.push(await s.rollup.read.getProposerAt([at(slot)]));
    const sampledGas = await gasOf(70n);
    await s.rollup.write.setupEpoch();
    for (let slot = 64n; slot < 96n; slot++) {
      expect(await s.rollup.read.getProposerAt([at(slot)])).to.equal(computed[Number(slot - 64n)], `slot ${slot}`);
    }
    const tableGas = await gasOf(70n);
    expect(tableGas < sampledGas - 20_000n, `table ${tableGas} vs sampling ${sampledGas}`).to.equal(true);
    expect(tableGas < 32_000n, `table lookup ${tableGas} gas (21,000 of it the call)`).to.equal(true);
    // Epoch 4 reuses epoch 2's half of the ring: epoch 2's proposers are computed again, unchanged.
    await s.warpToEpoch(4n);
    await s.rollup.write.setupEpoch();
    for (const slot of [64n, 70n, 95n]) {
      expect(await s.rollup.read.getProposerAt([at(slot)])).to.equal(computed[Number(slot - 64n)], `slot ${slot}`);
    }
    expect((await gasOf(70n)) > tableGas + 20_000n, "sampled again").to.equal(true);
  });

  it("fixes each seed one epoch ahead, after its snapshot closed: later randomness does not move a committee", async () => {
    const s = await networkHelpers.loadFixture(system48);
    await s.warpToEpoch(3n);
    const setUp3 = await s.rollup.write.setupEpoch(); // in epoch 3: fixes the seed of epoch 4
    const fixed = await s.rollup.getEvents.SeedFixed({}, { fromBlock: (await receiptOf(setUp3)).blockNumber });
    expect(fixed.map((e) => e.args.epoch)).to.include(4n);
    const client = await viem.getPublicClient();
    const fixedAt = (await client.getBlock({ blockNumber: (await receiptOf(setUp3)).blockNumber })).timestamp;
    expect(fixedAt > (await s.rollup.read.getSnapshotTime([4n])), "seed of 4 fixed after 4's snapshot closed").to.equal(
      true,
    );
    const seed4 = await s.rollup.read.getSampleSeed([4n]);
    const committee4 = await s.rollup.read.getEpochCommittee([4n]);
    await s.warpToEpoch(4n);
    await networkHelpers.setPrevRandao(0x1234567n);
    await s.rollup.write.setupEpoch(); // in epoch 4: fixes the seed of epoch 5 only
    expect(await s.rollup.read.getSampleSeed([4n])).to.equal(seed4);
    expect(await s.rollup.read.getSampleSeed([5n])).to.not.equal(seed4);
    expect(await s.rollup.read.getCommitteeHash([4n])).to.equal(keccak256(packCommittee(committee4)));
  });

  it("fixes an epoch's seed at its own setup when nobody set up the epoch before (never an old seed)", async () => {
    const s = await networkHelpers.loadFixture(system48);
    await s.warpToEpoch(3n);
    await s.rollup.write.setupEpoch(); // fixes the seed of 4
    await s.warpToEpoch(5n); // nobody set up epoch 4: the seed of 5 is not fixed yet
    await networkHelpers.setPrevRandao(0xfeedn);
    const hash = await s.rollup.write.setupEpoch();
    const fixed = await s.rollup.getEvents.SeedFixed({}, { fromBlock: (await receiptOf(hash)).blockNumber });
    expect(fixed.map((e) => e.args.epoch)).to.deep.equal([5n, 6n]);
    expect(await s.rollup.read.getSampleSeed([5n])).to.not.equal(await s.rollup.read.getSampleSeed([4n]));
  });

  it("changes committees only two epochs after a deposit", async () => {
    const s = await networkHelpers.loadFixture(system48);
    await s.rollup.write.setupEpoch(); // in epoch 2: fixes the seed of epoch 3
    const before3 = await s.rollup.read.getEpochCommittee([3n]);
    await s.addValidators(48, 4); // in epoch 2
    await s.warpToEpoch(3n);
    await s.rollup.write.setupEpoch();
    expect(await s.rollup.read.getCommitteeHash([3n])).to.equal(keccak256(packCommittee(before3)), "3 samples 48");
    expect(await setSizeFor(s, 3n)).to.equal(48n);
    expect(await setSizeFor(s, 4n)).to.equal(52n);
    const seed4 = await s.rollup.read.getSampleSeed([4n]);
    const committee4 = await s.committee(4n);
    expect(await s.rollup.read.getEpochCommittee([4n])).to.deep.equal(committee4.committee);
    expect(sampleIndices({ seed: seed4, setSize: 52, count: 16 })).to.not.deep.equal(
      sampleIndices({ seed: seed4, setSize: 48, count: 16 }),
      "epoch 4 draws from 52",
    );
  });

  it("changes committees only two epochs after an exit", async () => {
    const s = await networkHelpers.loadFixture(system48);
    await s.rollup.write.setupEpoch();
    const committee2 = await s.rollup.read.getEpochCommittee([2n]);
    const before3 = await s.rollup.read.getEpochCommittee([3n]);
    const leaver = committee2[0];
    const index = Array.from({ length: 48 }, (_, i) => validatorAccount(i).address).indexOf(leaver);
    await s.removeValidator(index); // in epoch 2
    expect(await s.rollup.read.getEpochCommittee([2n])).to.deep.equal(committee2);
    await s.warpToEpoch(3n);
    expect(await s.rollup.read.getEpochCommittee([3n])).to.deep.equal(before3, "epoch 3 still samples 48");
    expect(await setSizeFor(s, 4n)).to.equal(47n);
    await s.warpToEpoch(4n);
    const committee4 = await s.rollup.read.getEpochCommittee([4n]);
    expect(committee4).to.not.include(leaver);
    expect(committee4).to.deep.equal((await s.committee(4n)).committee);
  });

  it("puts a change at the last second of epoch N in N+2's snapshot and one at the first second of N+1 in N+3's", async () => {
    const s = await networkHelpers.loadFixture(system48);
    const genesis = await s.genesisTime();
    const epochSeconds = await s.epochSeconds();
    expect(await s.rollup.read.getSnapshotTime([4n])).to.equal(genesis + 3n * epochSeconds - 1n);
    await s.prefund(2);
    await s.addValidators(48, 1, { at: genesis + 3n * epochSeconds - 1n }); // last second of epoch 2
    await s.addValidators(49, 1, { at: genesis + 3n * epochSeconds }); // first second of epoch 3
    await networkHelpers.time.increaseTo(genesis + 5n * epochSeconds);
    expect(await setSizeFor(s, 3n)).to.equal(48n);
    expect(await setSizeFor(s, 4n)).to.equal(49n);
    expect(await setSizeFor(s, 5n)).to.equal(50n);
  });

  it("refuses to read a committee whose snapshot is still in the future", async () => {
    const s = await networkHelpers.loadFixture(system48);
    await viem.assertions.revertWithCustomError(
      s.rollup.read.getEpochCommittee([4n]),
      s.escrow,
      "StakingEscrow__FutureLookup",
    );
  });
});
