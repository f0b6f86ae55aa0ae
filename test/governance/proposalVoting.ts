import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, zeroAddress } from "viem";
import { deployGovernedSystem, GOVERNANCE_PARAMS, MIN_STAKE, type GovernedSystem } from "./helpers/governedSystem.js";
import { deployRollup, EscrowRollupSystem, signalRoundToQuorum, submitAfterRound } from "./helpers/escrowRollup.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

const FOR = 1;
const AGAINST = 0;
const ABSTAIN = 2;
const STATE = { Pending: 0, Active: 1, Canceled: 2, Defeated: 3, Succeeded: 4, Queued: 5, Expired: 6, Executed: 7 };
const ROUND = Number(GOVERNANCE_PARAMS.roundSize);
const QUORUM = Number(GOVERNANCE_PARAMS.quorumSize);

/** 20 sequencers staked on a real Rollup v1 (committees of 16), a Rollup v2 and the hard-fork payload to it. */
async function deployFixture() {
  let rollupV1: Awaited<ReturnType<typeof deployRollup>> | undefined;
  const system = await deployGovernedSystem(connection, {
    validators: 20,
    pinnedEvery: 4,
    deployRollup: async (escrow) => (rollupV1 = await deployRollup(connection, escrow)).address,
  });
  const rollupV2 = await deployRollup(connection, system.escrow.address);
  const hardFork = await viem.deployContract("HardForkPayload", [
    system.registry.address,
    system.escrow.address,
    rollupV2.address,
  ]);
  const byAddress = new Map(system.validators.map((v) => [v.address.toLowerCase(), v]));
  const v1 = new EscrowRollupSystem(connection, { ...system, rollup: rollupV1! }, byAddress);
  await v1.warpToEpoch(2n); // the first epoch whose committee samples the staked set
  return {
    ...system,
    v1,
    v2: new EscrowRollupSystem(connection, { ...system, rollup: rollupV2 }, byAddress),
    hardFork,
  };
}

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

/** The sequencers of v1 signal the hard fork to quorum; the round winner is submitted. */
async function proposeHardFork(f: Fixture): Promise<bigint> {
  return submitAfterRound(f, f.v1, await signalRoundToQuorum(f, f.v1, f.hardFork.address));
}

/** Votes from validators: `votes[i]` is validator i's support (undefined: does not vote); then ends the vote. */
async function vote(f: Fixture, id: bigint, votes: (number | undefined)[]) {
  await networkHelpers.time.increaseTo((await f.governance.read.proposalSnapshot([id])) + 1n);
  for (const [i, support] of votes.entries())
    if (support !== undefined) await f.relayVote(f.validators[i], id, support);
  await networkHelpers.time.increaseTo((await f.governance.read.proposalDeadline([id])) + 1n);
}

const state = async (f: GovernedSystem, id: bigint) => Number(await f.governance.read.state([id]));

/** Expects the Governor to refuse `call` because the proposal is not in the state the action needs. */
async function expectWrongState(f: GovernedSystem, call: Promise<unknown>): Promise<void> {
  await viem.assertions.revertWithCustomError(call, f.governance, "GovernorUnexpectedProposalState");
}

describe("proposal voting by sequencers", () => {
  it("counts relayed signals of slot proposers to quorum and refuses a non-proposer, a second signal in a slot and a signal after the round", async () => {
    const f = await networkHelpers.loadFixture(deployFixture);
    const payload = f.hardFork.address;
    const round = (await f.v1.rollup.read.getCurrentSlot()) / BigInt(ROUND) + 1n;
    const first = round * BigInt(ROUND);

    const p0 = await f.v1.proposerOfSlot(first);
    const intruder = f.validators.find((v) => v.address !== p0.address)!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.relaySignal(intruder, payload, first),
      f.governanceProposer,
      "GovernanceProposer__OnlyProposer",
      [p0.address, intruder.address],
    );
    await f.relaySignal(p0, payload, first);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.relaySignal(p0, payload, first),
      f.governanceProposer,
      "GovernanceProposer__AlreadySignalled",
      [first],
    );
    for (let slot = first + 1n; slot < first + BigInt(QUORUM); slot++) {
      await f.relaySignal(await f.v1.proposerOfSlot(slot), payload, slot);
    }
    // the proposer of the round's last slot signs, but the signature is relayed once the next round has begun
    const last = first + BigInt(ROUND) - 1n;
    const lateSigner = f.v1.accountOf(await f.v1.rollup.read.getProposerAt([await f.v1.slotStart(last)]));
    await networkHelpers.time.increaseTo(await f.v1.slotStart(last + 1n));
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.relaySignal(lateSigner, payload, last),
      f.governanceProposer,
      "GovernanceProposer__WrongSlot",
      [last + 1n, last],
    );
    const tally = await f.governanceProposer.read.getRound([f.v1.rollup.address, round]);
    expect(tally.leader).to.equal(getAddress(payload));
    expect(tally.leaderSignals).to.equal(BigInt(QUORUM));

    const { result: id } = await f.governanceProposer.simulate.submitRoundWinner([round]);
    await f.governanceProposer.write.submitRoundWinner([round]);
    expect(await state(f, id)).to.equal(STATE.Pending);
    expect(await f.governance.read.proposalPayload([id])).to.equal(getAddress(payload));
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.governanceProposer.write.submitRoundWinner([round]),
      f.governanceProposer,
      "GovernanceProposer__AlreadySubmitted",
      [round],
    );
  });

  it("sequencers vote with their stake (for, against, abstain); the hard fork is queued, executed after the delay, and v1 stops counting for signals", async () => {
    const f = await networkHelpers.loadFixture(deployFixture);
    const id = await proposeHardFork(f);
    await vote(f, id, [FOR, FOR, FOR, AGAINST, ABSTAIN]);
    const [against, forVotes, abstain] = await f.governance.read.proposalVotes([id]);
    expect([forVotes, against, abstain]).to.deep.equal([3n * MIN_STAKE, MIN_STAKE, MIN_STAKE]);
    expect(await state(f, id)).to.equal(STATE.Succeeded);

    await f.governance.write.queue([id]);
    expect(await state(f, id)).to.equal(STATE.Queued);
    await viem.assertions.revertWithCustomError(
      f.governance.write.execute([id]),
      f.timelock,
      "TimelockUnexpectedOperationState",
    );
    expect(await f.registry.read.getCanonicalRollup()).to.equal(getAddress(f.v1.rollup.address));

    await networkHelpers.time.increaseTo(await f.governance.read.proposalEta([id]));
    await f.governance.write.execute([id]);
    expect(await state(f, id)).to.equal(STATE.Executed);
    expect(await f.registry.read.getCanonicalRollup()).to.equal(getAddress(f.v2.rollup.address));
    expect(await f.escrow.read.getFollowersRollup()).to.equal(getAddress(f.v2.rollup.address));
    await expectWrongState(f, f.governance.write.execute([id]));

    // after the fork, v1's slot proposer is refused (v2 samples its first committee two epochs later)
    const v1Proposer = await f.v1.rollup.read.getCurrentProposer();
    expect(v1Proposer).to.not.equal(zeroAddress);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.relaySignal(f.v1.accountOf(v1Proposer), f.hardFork.address, await f.v2.rollup.read.getCurrentSlot()),
      f.governanceProposer,
      "GovernanceProposer__OnlyProposer",
      [zeroAddress, v1Proposer],
    );
  });

  it("a proposal below quorum, or with a majority against, is defeated and cannot be queued or executed", async () => {
    const f = await networkHelpers.loadFixture(deployFixture);
    const id = await proposeHardFork(f);
    await vote(f, id, [FOR]); // 100 of 2,000 units: quorum is 10% = 200
    expect(await state(f, id)).to.equal(STATE.Defeated);
    await expectWrongState(f, f.governance.write.queue([id]));
    await expectWrongState(f, f.governance.write.execute([id]));

    const g = await networkHelpers.loadFixture(deployFixture);
    const id2 = await proposeHardFork(g);
    await vote(g, id2, [FOR, FOR, AGAINST, AGAINST, AGAINST]);
    expect(await state(g, id2)).to.equal(STATE.Defeated);
    await expectWrongState(g, g.governance.write.queue([id2]));
    expect(await g.registry.read.getCanonicalRollup()).to.equal(getAddress(g.v1.rollup.address));
  });

  it("a queued proposal not executed within the grace period expires and cannot execute", async () => {
    const f = await networkHelpers.loadFixture(deployFixture);
    const id = await proposeHardFork(f);
    await vote(f, id, [FOR, FOR, FOR]);
    await f.governance.write.queue([id]);
    await networkHelpers.time.increaseTo(
      (await f.governance.read.proposalEta([id])) + GOVERNANCE_PARAMS.gracePeriod + 1n,
    );
    expect(await state(f, id)).to.equal(STATE.Expired);
    await expectWrongState(f, f.governance.write.execute([id]));
    expect(await f.registry.read.getCanonicalRollup()).to.equal(getAddress(f.v1.rollup.address));
  });

  it("the guardian cancels a queued proposal and can do nothing else", async () => {
    const f = await networkHelpers.loadFixture(deployFixture);
    const id = await proposeHardFork(f);
    const asGuardian = { account: f.guardian.account };
    await networkHelpers.time.increaseTo((await f.governance.read.proposalSnapshot([id])) + 1n);
    await viem.assertions.revertWithCustomError(
      f.governance.write.cancel([id], asGuardian),
      f.governance,
      "GovernorUnableToCancel",
    );
    for (const i of [0, 1, 2]) await f.relayVote(f.validators[i], id, FOR);
    await networkHelpers.time.increaseTo((await f.governance.read.proposalDeadline([id])) + 1n);
    await f.governance.write.queue([id]);

    // nothing else
    await viem.assertions.revertWithCustomError(
      f.governance.write.setGuardian([f.guardian.account.address], asGuardian),
      f.governance,
      "GovernorOnlyExecutor",
    );
    await viem.assertions.revertWithCustomError(
      f.registry.write.addRollup([f.guardian.account.address], asGuardian),
      f.registry,
      "OwnableUnauthorizedAccount",
    );
    await viem.assertions.revertWithCustomError(
      f.escrow.write.addRollup([f.v2.rollup.address], asGuardian),
      f.escrow,
      "OwnableUnauthorizedAccount",
    );
    const opId = await f.timelock.read.hashOperationBatch([
      [f.registry.address],
      [0n],
      ["0x"],
      ("0x" + "00".repeat(32)) as `0x${string}`,
      ("0x" + "00".repeat(32)) as `0x${string}`,
    ]);
    await viem.assertions.revertWithCustomError(
      f.timelock.write.cancel([opId], asGuardian),
      f.timelock,
      "AccessControlUnauthorizedAccount",
    );
    expect(await state(f, id)).to.equal(STATE.Queued);

    await f.governance.write.cancel([id], asGuardian);
    expect(await state(f, id)).to.equal(STATE.Canceled);
    await networkHelpers.time.increaseTo(await f.governance.read.proposalEta([id]));
    await expectWrongState(f, f.governance.write.execute([id]));
    expect(await f.registry.read.getCanonicalRollup()).to.equal(getAddress(f.v1.rollup.address));
  });
});
