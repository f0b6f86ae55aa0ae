import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, zeroAddress } from "viem";
import { deployRollup, EscrowRollupSystem, signalRoundToQuorum, submitAfterRound } from "./helpers/escrowRollup.js";
import { ROLLUP_DEFAULTS } from "../../src/system/rollupDefaults.js";
import { deployGovernedSystem, isPinned, type GovernedSystem } from "./helpers/governedSystem.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

const VALIDATORS = 128;
const PINNED_EVERY = 4; // 32 pinned, 96 followers

async function deployFixture() {
  let v1: Awaited<ReturnType<typeof deployRollup>> | undefined;
  const system = await deployGovernedSystem(connection, {
    validators: VALIDATORS,
    pinnedEvery: PINNED_EVERY,
    deployRollup: async (escrow) => (v1 = await deployRollup(connection, escrow)).address,
  });
  const v2 = await deployRollup(connection, system.escrow.address);
  const hardFork = await viem.deployContract("HardForkPayload", [
    system.registry.address,
    system.escrow.address,
    v2.address,
  ]);
  const byAddress = new Map(system.validators.map((v) => [v.address.toLowerCase(), v]));
  return {
    ...system,
    hardFork,
    byAddress,
    v1: new EscrowRollupSystem(connection, { ...system, rollup: v1! }, byAddress),
    v2: new EscrowRollupSystem(connection, { ...system, rollup: v2 }, byAddress),
  };
}

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

const slotNow = async (r: EscrowRollupSystem) => r.rollup.read.getCurrentSlot();
const epochNow = async (r: EscrowRollupSystem) => r.rollup.read.getCurrentEpoch();

async function sumOfStakes(f: GovernedSystem) {
  return {
    records: await f.sumOfStakes(),
    totalStaked: await f.escrow.read.totalStaked(),
    escrowBalance: await f.token.read.balanceOf([f.escrow.address]),
  };
}

describe("migrating validators to a new rollup on hard fork", () => {
  it("passes the hard fork by signals and votes; followers join v2 two epochs later, pinned ones migrate, v2 proposes and proves an epoch, no stake is lost", async () => {
    const f = await networkHelpers.loadFixture(deployFixture);
    const { v1, v2 } = f;
    const stakeBefore = await sumOfStakes(f);
    expect(stakeBefore.records).to.equal(stakeBefore.totalStaked);

    // 0. v1 produces blocks (real blob transactions, committee attestations)
    await v1.warpToEpoch(2n);
    for (const slot of [65n, 66n]) expect((await v1.proposeAt(slot)).receipt.status).to.equal("success");
    const v1Tip = await v1.rollup.read.getPendingTip();
    expect(v1Tip[0]).to.equal(2n);

    // 1. v1's sequencers signal the hard fork; anyone submits the round winner
    const round = await signalRoundToQuorum(f, v1, f.hardFork.address);
    const proposalId = await submitAfterRound(f, v1, round);

    // 2. sequencers vote with their stake (16 of 128 for: quorum is 10%), queue, execute after the delay
    await networkHelpers.time.increaseTo((await f.governance.read.proposalSnapshot([proposalId])) + 1n);
    for (const v of f.validators.slice(0, 16)) await f.relayVote(v, proposalId, 1);
    await networkHelpers.time.increaseTo((await f.governance.read.proposalDeadline([proposalId])) + 1n);
    await f.governance.write.queue([proposalId]);
    await networkHelpers.time.increaseTo(await f.governance.read.proposalEta([proposalId]));
    await f.governance.write.execute([proposalId]);
    expect(await f.registry.read.getCanonicalRollup()).to.equal(getAddress(v2.rollup.address));
    expect(await f.escrow.read.getFollowersRollup()).to.equal(getAddress(v2.rollup.address));

    // 3. v1 no longer counts for signalling: its slot proposer is refused (v2 has no committee yet)
    const forkEpoch = await epochNow(v2);
    const v1Proposer = await v1.rollup.read.getCurrentProposer();
    expect(v1Proposer).to.not.equal(zeroAddress);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.relaySignal(f.byAddress.get(v1Proposer.toLowerCase())!, f.hardFork.address, await slotNow(v2)),
      f.governanceProposer,
      "GovernanceProposer__OnlyProposer",
      [zeroAddress, v1Proposer],
    );

    // 4. followers are v2's validators two epochs later, without a transaction of theirs
    const followers = new Set(
      f.validators.filter((_, i) => !isPinned(i, PINNED_EVERY)).map((v) => v.address.toLowerCase()),
    );
    await v2.warpToEpoch(forkEpoch + 1n);
    expect(await v2.rollup.read.getEpochCommittee([forkEpoch + 1n])).to.have.length(0);
    await v2.warpToEpoch(forkEpoch + 2n);
    const followerCommittee = await v2.rollup.read.getEpochCommittee([forkEpoch + 2n]);
    expect(followerCommittee).to.have.length(16);
    expect(followerCommittee.every((a) => followers.has(a.toLowerCase()))).to.equal(true);

    // 5. pinned validators migrate (their withdrawer calls migrate)
    const pinned = f.validators.filter((_, i) => isPinned(i, PINNED_EVERY));
    for (const v of pinned) await f.escrow.write.migrate([v.address, v2.rollup.address]);
    for (const v of pinned) {
      expect(await f.escrow.read.getEffectiveRollup([v.address])).to.equal(getAddress(v2.rollup.address));
    }
    const migrationEpoch = await epochNow(v2);

    // 6. v2 proposes an epoch with the committee sampled from the migrated set
    const epoch = migrationEpoch + 2n;
    const firstSlot = epoch * BigInt(ROLLUP_DEFAULTS.epochDuration);
    await networkHelpers.time.increaseTo((await v2.slotStart(firstSlot)) - 1n); // its first block sets it up
    const now = (await (await viem.getPublicClient()).getBlock()).timestamp;
    expect(await f.escrow.read.getSetSize([v2.rollup.address, now - 1n])).to.equal(BigInt(VALIDATORS));
    expect(await f.escrow.read.getSetSize([v1.rollup.address, now - 1n])).to.equal(0n);
    const committee = await v2.rollup.read.getEpochCommittee([epoch]);
    expect(committee).to.have.length(16);
    for (let slot = firstSlot; slot < firstSlot + BigInt(ROLLUP_DEFAULTS.epochDuration); slot++) {
      const { proposal, receipt } = await v2.proposeAt(slot);
      expect(receipt.status).to.equal("success");
    }
    const [tip] = await v2.rollup.read.getPendingTip();
    expect(tip).to.equal(BigInt(ROLLUP_DEFAULTS.epochDuration));

    // ... and proves it with the prover client once the epoch is complete
    const prover = await v2.proverClient(f.relayer);
    await v2.warpToEpoch(epoch + 1n);
    expect(await prover.tick()).to.include({ status: "proven", epoch, startBlock: 1n, endBlock: tip });
    expect(await v2.rollup.read.getTips()).to.deep.equal({ pendingBlockNumber: tip, provenBlockNumber: tip });
    // v1 keeps its chain readable
    expect(await v1.rollup.read.getPendingTip()).to.deep.equal(v1Tip);
    expect((await v1.rollup.read.getBlock([2n])).archive).to.equal(v1Tip[1]);

    // 7. only v2's proposers signal now
    const slot = (await slotNow(v2)) + 1n;
    const start = await v2.atSlot(slot);
    const v2Proposer = await v2.rollup.read.getProposerAt([start]);
    await f.relaySignal(f.byAddress.get(v2Proposer.toLowerCase())!, f.hardFork.address, slot);
    const v2Round = slot / (await f.governanceProposer.read.ROUND_SIZE());
    expect(await f.governanceProposer.read.signalCount([v2.rollup.address, v2Round, f.hardFork.address])).to.equal(1n);

    // 8. no stake lost
    expect(await sumOfStakes(f)).to.deep.equal(stakeBefore);
  });
});
