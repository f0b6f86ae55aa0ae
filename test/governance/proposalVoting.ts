import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, type Address } from "viem";
import { deployGovernedSystem, GOVERNANCE_PARAMS, MIN_STAKE, type GovernedSystem } from "./helpers/governedSystem.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

const FOR = 1;
const AGAINST = 0;
const ABSTAIN = 2;
const STATE = { Pending: 0, Active: 1, Canceled: 2, Defeated: 3, Succeeded: 4, Queued: 5, Expired: 6, Executed: 7 };
const ROUND = Number(GOVERNANCE_PARAMS.roundSize);
const QUORUM = Number(GOVERNANCE_PARAMS.quorumSize);

/** 20 sequencers on a rollup whose slot and proposer the test sets (the real Rollup's clock is tested with it). */
async function deployFixture() {
  const rollupV1 = await viem.deployContract("GovernanceRollupStub");
  const rollupV2 = await viem.deployContract("GovernanceRollupStub");
  const system = await deployGovernedSystem(connection, {
    validators: 20,
    pinnedEvery: 4,
    deployRollup: async () => rollupV1.address,
  });
  const hardFork = await viem.deployContract("HardForkPayload", [
    system.registry.address,
    system.escrow.address,
    rollupV2.address,
  ]);
  return { ...system, v1: rollupV1, v2: rollupV2, hardFork };
}

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

/** Makes validator `index` the proposer of `slot` on `rollup`. */
async function atSlot(rollup: Fixture["v1"], slot: number, proposer: Address) {
  await rollup.write.setSlot([BigInt(slot)]);
  await rollup.write.setProposer([proposer]);
}

/** Validators 0..QUORUM-1 sign in the first slots of round 0; the winner is submitted from round 1. */
async function proposeHardFork(f: Fixture): Promise<bigint> {
  for (let i = 0; i < QUORUM; i++) {
    await atSlot(f.v1, i, f.validators[i].address);
    await f.relaySignal(f.validators[i], f.hardFork.address, BigInt(i));
  }
  await f.v1.write.setSlot([BigInt(ROUND)]);
  const { result: id } = await f.governanceProposer.simulate.submitRoundWinner([0n]);
  await f.governanceProposer.write.submitRoundWinner([0n]);
  return id;
}

/** Votes from validators: `votes[i]` is validator i's support (undefined: does not vote); then ends the vote. */
async function vote(f: Fixture, id: bigint, votes: (number | undefined)[]) {
  await networkHelpers.time.increaseTo((await f.governance.read.proposalSnapshot([id])) + 1n);
  for (const [i, support] of votes.entries())
    if (support !== undefined) await f.relayVote(f.validators[i], id, support);
  await networkHelpers.time.increaseTo((await f.governance.read.proposalDeadline([id])) + 1n);
}

const state = async (f: GovernedSystem, id: bigint) => Number(await f.governance.read.state([id]));

describe("proposal voting by sequencers", () => {
  it("counts relayed signals of slot proposers to quorum and refuses a non-proposer, a second signal in a slot and a signal after the round", async () => {
    const f = await networkHelpers.loadFixture(deployFixture);
    const payload = f.hardFork.address;
    await atSlot(f.v1, 0, f.validators[0].address);

    await viem.assertions.revertWithCustomErrorWithArgs(
      f.relaySignal(f.validators[5], payload, 0n),
      f.governanceProposer,
      "GovernanceProposer__OnlyProposer",
      [getAddress(f.validators[0].address), getAddress(f.validators[5].address)],
    );
    await f.relaySignal(f.validators[0], payload, 0n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.relaySignal(f.validators[0], payload, 0n),
      f.governanceProposer,
      "GovernanceProposer__AlreadySignalled",
      [0n],
    );
    for (let i = 1; i < QUORUM; i++) {
      await atSlot(f.v1, i, f.validators[i].address);
      await f.relaySignal(f.validators[i], payload, BigInt(i));
    }
    // a signature made for the last slot of round 0, relayed once round 1 has begun
    await atSlot(f.v1, ROUND - 1, f.validators[9].address);
    const late = f.validators[9];
    await atSlot(f.v1, ROUND, f.validators[10].address);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.relaySignal(late, payload, BigInt(ROUND - 1)),
      f.governanceProposer,
      "GovernanceProposer__WrongSlot",
      [BigInt(ROUND), BigInt(ROUND - 1)],
    );
    const round0 = await f.governanceProposer.read.getRound([f.v1.address, 0n]);
    expect(round0.leader).to.equal(getAddress(payload));
    expect(round0.leaderSignals).to.equal(BigInt(QUORUM));

    const { result: id } = await f.governanceProposer.simulate.submitRoundWinner([0n]);
    await f.governanceProposer.write.submitRoundWinner([0n]);
    expect(await state(f, id)).to.equal(STATE.Pending);
    expect(await f.governance.read.proposalPayload([id])).to.equal(getAddress(payload));
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.governanceProposer.write.submitRoundWinner([0n]),
      f.governanceProposer,
      "GovernanceProposer__AlreadySubmitted",
      [0n],
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
    expect(await f.registry.read.getCanonicalRollup()).to.equal(getAddress(f.v1.address));

    await networkHelpers.time.increaseTo(await f.governance.read.proposalEta([id]));
    await f.governance.write.execute([id]);
    expect(await state(f, id)).to.equal(STATE.Executed);
    expect(await f.registry.read.getCanonicalRollup()).to.equal(getAddress(f.v2.address));
    expect(await f.escrow.read.getFollowersRollup()).to.equal(getAddress(f.v2.address));
    await viem.assertions.revertWithCustomError(
      f.governance.write.execute([id]),
      f.governance,
      "GovernorUnexpectedProposalState",
    );

    // after the fork, a v1 proposer's signal is refused; v2's proposer signals
    await atSlot(f.v1, 2 * ROUND, f.validators[6].address);
    await atSlot(f.v2, 2 * ROUND, f.validators[7].address);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.relaySignal(f.validators[6], f.hardFork.address, BigInt(2 * ROUND)),
      f.governanceProposer,
      "GovernanceProposer__OnlyProposer",
      [getAddress(f.validators[7].address), getAddress(f.validators[6].address)],
    );
    await f.relaySignal(f.validators[7], f.hardFork.address, BigInt(2 * ROUND));
    expect(await f.governanceProposer.read.signalCount([f.v2.address, 2n, f.hardFork.address])).to.equal(1n);
    expect(await f.governanceProposer.read.signalCount([f.v1.address, 2n, f.hardFork.address])).to.equal(0n);
  });

  it("a proposal below quorum, or with a majority against, is defeated and cannot be queued or executed", async () => {
    const f = await networkHelpers.loadFixture(deployFixture);
    const id = await proposeHardFork(f);
    await vote(f, id, [FOR]); // 100 of 2,000 units: quorum is 10% = 200
    expect(await state(f, id)).to.equal(STATE.Defeated);
    await viem.assertions.revertWithCustomError(
      f.governance.write.queue([id]),
      f.governance,
      "GovernorUnexpectedProposalState",
    );
    await viem.assertions.revertWithCustomError(
      f.governance.write.execute([id]),
      f.governance,
      "GovernorUnexpectedProposalState",
    );

    const g = await networkHelpers.loadFixture(deployFixture);
    const id2 = await proposeHardFork(g);
    await vote(g, id2, [FOR, FOR, AGAINST, AGAINST, AGAINST]);
    expect(await state(g, id2)).to.equal(STATE.Defeated);
    await viem.assertions.revertWithCustomError(
      g.governance.write.queue([id2]),
      g.governance,
      "GovernorUnexpectedProposalState",
    );
    expect(await g.registry.read.getCanonicalRollup()).to.equal(getAddress(g.v1.address));
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
    await viem.assertions.revertWithCustomError(
      f.governance.write.execute([id]),
      f.governance,
      "GovernorUnexpectedProposalState",
    );
    expect(await f.registry.read.getCanonicalRollup()).to.equal(getAddress(f.v1.address));
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
      f.escrow.write.addRollup([f.v2.address], asGuardian),
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
    await viem.assertions.revertWithCustomError(
      f.governance.write.execute([id]),
      f.governance,
      "GovernorUnexpectedProposalState",
    );
    expect(await f.registry.read.getCanonicalRollup()).to.equal(getAddress(f.v1.address));
  });
});
