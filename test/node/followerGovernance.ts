import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import type { Address } from "viem";
import { governanceProposerAbi } from "../../src/chain/abi.js";
import { proposerOf } from "../../src/committee/computeCommittee.js";
import { followerGovernanceReader } from "../../src/node/actors/followerGovernanceReader.js";
import { markForkPoint, mineCompetingBranch } from "../../src/node/testing/reorg.js";
import { deployFollowedSystem, followerOf, resyncDump, type FollowedSystem } from "./helpers/followedSystem.js";

const connection = await network.create();
const { networkHelpers, provider, viem } = connection;

const QUORUM = 3n;
const ROUND = 4n;

/** The followed system with a GovernanceProposer of 4-slot rounds and a quorum of 3, followed too. */
async function fixture() {
  const s = await deployFollowedSystem(connection);
  const proposer = await viem.deployContract("GovernanceProposer", [
    s.system.contracts.registry!.address,
    s.system.escrow.address, // the winner's target: never submitted to here
    QUORUM,
    ROUND,
    1n,
  ]);
  return { ...s, proposer, contracts: { ...s.contracts, governanceProposer: proposer.address } };
}

/** Signals `payload` in `slot` as that slot's proposer (time moves to the slot's start). */
async function signalAt(s: FollowedSystem & { proposer: { address: Address } }, slot: bigint, payload: Address) {
  await s.system.atSlot(slot);
  const signer = proposerOf(await s.system.committee(slot / 32n), slot)!;
  const wallet = await s.system.walletFor(s.system.accountOf(signer));
  const hash = await wallet.writeContract({
    address: s.proposer.address,
    abi: governanceProposerAbi,
    functionName: "signal",
    args: [payload],
    account: wallet.account,
    chain: wallet.chain,
  });
  await s.publicClient.waitForTransactionReceipt({ hash });
}

describe("L1Follower: governance signals through reorgs", () => {
  it("drops the signal that reached the quorum: the stored count falls below it, as the contract's does", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const payload = s.system.rollup.address; // any contract: signals are counted, never executed here
    const round = 65n / ROUND; // slots 64..67
    await signalAt(s, 65n, payload);
    await signalAt(s, 66n, payload);
    const fork = await markForkPoint(provider);
    await signalAt(s, 67n, payload); // the third: quorum
    const follower = followerOf(s);
    const first = await follower.sync();
    expect(first.changes.signals.added.map((r) => [r.round, r.slot, r.signals])).to.deep.equal([
      [round, 65n, 1n],
      [round, 66n, 2n],
      [round, 67n, 3n],
    ]);
    const governance = followerGovernanceReader({ store: follower.store });
    const rollup = s.system.rollup.address;
    /** The round as the follower reads it equals the contract's view of it. */
    const agrees = async () => {
      const onChain = await s.proposer.read.getRound([rollup, round]);
      const stored = governance.round(rollup, round);
      expect([stored.leader, stored.leaderSignals, stored.submitted]).to.deep.equal([
        onChain.leader,
        onChain.leaderSignals,
        onChain.submitted,
      ]);
      return stored;
    };
    expect((await agrees()).leaderSignals).to.equal(QUORUM);

    // The competing branch skips slot 67: the round ends at two signals; slot 68 (the next round) signals once.
    await mineCompetingBranch(provider, fork, { length: 3, build: () => signalAt(s, 68n, payload) });
    const report = await follower.sync();
    expect(report.changes.signals.dropped.map((r) => [r.round, r.slot, r.signals])).to.deep.equal([[round, 67n, 3n]]);
    expect(report.changes.signals.added.map((r) => [r.round, r.slot, r.signals])).to.deep.equal([
      [round + 1n, 68n, 1n],
    ]);
    expect((await agrees()).leaderSignals).to.equal(2n);
    expect(governance.signalCount(rollup, round, payload)).to.equal(
      await s.proposer.read.signalCount([rollup, round, payload]),
    );
    expect(governance.signalCount(rollup, round + 1n, payload)).to.equal(1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      s.proposer.write.submitRoundWinner([round]),
      s.proposer,
      "GovernanceProposer__QuorumNotReached",
      [QUORUM, 2n],
    );
    expect(follower.store.dump()).to.equal(await resyncDump(s));
  });
});
