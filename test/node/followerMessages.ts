import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { markForkPoint, mineBlocks, mineCompetingBranch } from "../../src/node/testing/reorg.js";
import { validatorAccount } from "../../src/system/validatorKeys.js";
import { deployFollowedSystem, followerOf, resyncDump, sendMessage } from "./helpers/followedSystem.js";

const connection = await network.create();
const { networkHelpers, provider } = connection;

const fixture = () => deployFollowedSystem(connection);
const content = (n: bigint) => `0x${n.toString(16).padStart(64, "0")}`;

describe("L1Follower: messages, deposits and withdrawals through reorgs", () => {
  it("drops an Inbox message and a deposit the reorg removed, and takes the message that replaced them", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    await sendMessage(s, 1n);
    const fork = await markForkPoint(provider);
    await sendMessage(s, 2n);
    await s.system.addValidators(48, 1); // mints, approves, deposits: three L1 blocks
    const follower = followerOf(s);
    const first = await follower.sync();
    expect(first.changes.deposits.added).to.have.length(49);
    expect(first.changes.inboxMessages.added).to.have.length(2);

    await mineCompetingBranch(provider, fork, { length: 6, build: async () => void (await sendMessage(s, 3n)) });
    const report = await follower.sync();
    expect(report.reorg!.depth).to.equal(4n);
    const second = first.changes.inboxMessages.added[1].index; // the same tree position on both branches
    expect(report.changes.inboxMessages.dropped.map((m) => [m.index, m.content])).to.deep.equal([
      [second, content(2n)],
    ]);
    expect(report.changes.inboxMessages.added.map((m) => [m.index, m.content])).to.deep.equal([[second, content(3n)]]);
    expect(report.changes.deposits.dropped.map((d) => d.attester)).to.deep.equal([
      first.changes.deposits.added[48].attester,
    ]);
    expect(report.changes.deposits.added).to.deep.equal([]);
    const rows = follower.store.rows("inboxMessages");
    expect(rows.map((m) => m.rollingHash)).to.deep.equal([
      rows[0].rollingHash,
      (await s.inbox.read.getRollingHash())[0],
    ]);
    expect(follower.store.rows("deposits")).to.have.length(48);
    expect(follower.store.dump()).to.equal(await resyncDump(s));
  });

  it("takes a message a reorg inserts behind its sync point (below the tip it had read), at the same height", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    await sendMessage(s, 1n);
    const fork = await markForkPoint(provider);
    await mineBlocks(provider, 4);
    const follower = followerOf(s);
    const first = await follower.sync();
    const tip = follower.store.tip()!;
    expect(first.changes.inboxMessages.added).to.have.length(1);

    // Same height, other hashes: the message lands three blocks below the tip the follower had read.
    let at = 0n;
    await mineCompetingBranch(provider, fork, { length: 4, build: async () => void (at = await sendMessage(s, 2n)) });
    expect(at).to.equal(fork.number + 1n);
    const report = await follower.sync();
    expect(report.reorg).to.deep.equal({ depth: 4n, commonAncestor: { number: fork.number, hash: fork.hash } });
    expect(report.head.number).to.equal(tip.number);
    expect(at < tip.number).to.equal(true);
    expect(report.changes.inboxMessages.dropped).to.deep.equal([]);
    expect(report.changes.inboxMessages.added.map((m) => [m.l1Block, m.index, m.content])).to.deep.equal([
      [at, first.changes.inboxMessages.added[0].index + 1n, content(2n)],
    ]);
    const rows = follower.store.rows("inboxMessages");
    expect(rows.map((m) => m.content)).to.deep.equal([content(1n), content(2n)]);
    expect(rows[1].rollingHash).to.equal((await s.inbox.read.getRollingHash())[0]); // the chain agrees
    expect(follower.store.dump()).to.equal(await resyncDump(s));
  });

  it("drops a deposit and a withdrawal request the reorg removed, and takes the other withdrawal of the new branch", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const fork = await markForkPoint(provider);
    await s.system.addValidators(48, 1);
    await s.system.removeValidator(5);
    const follower = followerOf(s);
    const first = await follower.sync();
    expect(first.changes.deposits.added).to.have.length(49);
    expect(first.changes.withdrawals.added.map((w) => [w.stage, w.attester])).to.deep.equal([
      ["initiated", validatorAccount(5).address],
    ]);

    await mineCompetingBranch(provider, fork, { length: 5, build: () => s.system.removeValidator(6) });
    const report = await follower.sync();
    expect(report.changes.deposits.dropped.map((d) => d.attester)).to.deep.equal([validatorAccount(48).address]);
    expect(report.changes.deposits.added).to.deep.equal([]);
    expect(report.changes.withdrawals.dropped.map((w) => w.attester)).to.deep.equal([validatorAccount(5).address]);
    expect(report.changes.withdrawals.added.map((w) => [w.stage, w.attester])).to.deep.equal([
      ["initiated", validatorAccount(6).address],
    ]);
    expect(follower.store.rows("deposits")).to.have.length(48);
    expect(follower.store.rows("withdrawals").map((w) => w.attester)).to.deep.equal([validatorAccount(6).address]);
    expect(follower.store.dump()).to.equal(await resyncDump(s));
  });
});
