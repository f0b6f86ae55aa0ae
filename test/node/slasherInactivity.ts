import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { type Address, getAddress, zeroAddress } from "viem";
import { proposerOf } from "../../src/committee/computeCommittee.js";
import { SlasherActor } from "../../src/node/slasher/SlasherActor.js";
import {
  StoreInactivity,
  checkInactivityPolicy,
  epochActivity,
  inactivityOffences,
} from "../../src/node/slasher/inactivity.js";
import { validatorAccount } from "../../src/system/validatorKeys.js";
import { deployFollowedSystem, followerOf } from "./helpers/followedSystem.js";
import { l1Now } from "./helpers/actorNodes.js";

const connection = await network.create();
const { viem } = connection;

const EPOCH = 32n;
const INACTIVITY_SLASH = 5n * 10n ** 18n;
const byAddress = (a: Address, b: Address) => (BigInt(a) < BigInt(b) ? -1 : 1);

/**
 * Epochs 2 and 3 with a block every 4th slot, made by the test: three members of both committees are offline (they
 * sign nothing and their proposer slots stay empty), one member of both skips one block's attestation only.
 */
async function inactiveEpochs() {
  const s = await deployFollowedSystem(connection);
  const c2 = await s.system.committee(2n);
  const c3 = await s.system.committee(3n);
  const both = c2.committee.map((a) => getAddress(a)).filter((a) => c3.committee.some((b) => getAddress(b) === a));
  expect(both.length, "members of both committees").to.be.greaterThanOrEqual(4);
  const offline = both.slice(0, 3);
  const flaky = both[3];
  let blocks = 0;
  for (const [epoch, committee] of [
    [2n, c2],
    [3n, c3],
  ] as const) {
    for (let slot = epoch * EPOCH + 1n; slot < (epoch + 1n) * EPOCH; slot += 4n) {
      const proposer = getAddress(proposerOf(committee, slot)!);
      if (offline.includes(proposer)) continue; // a missed proposal
      await s.system.atSlot(slot);
      const proposal = await s.system.prepare(slot, { txCount: 1, txSize: 32 });
      const skip = new Set<Address>([...offline, ...(blocks === 0 ? [flaky] : [])]);
      const signers = committee.committee.map((a) => getAddress(a)).filter((a) => !skip.has(a));
      const attestations = await s.system.attest(proposal.block.header, committee.committee, signers);
      const hash = await s.system.send(proposal, { attestations });
      expect((await s.publicClient.waitForTransactionReceipt({ hash })).status).to.equal("success");
      blocks++;
    }
  }
  // The store's tip in epoch 4: both epochs have ended.
  await s.system.atSlot(4n * EPOCH);
  await s.system.rollup.write.setupEpoch();
  const follower = followerOf(s);
  await follower.sync();
  return { s, follower, offline, flaky, blocks };
}

describe("node slasher: inactivity", () => {
  it("makes a member an offender after the configured consecutive epochs above the missed share, through the follower's records", async () => {
    const { s, follower, offline, flaky, blocks } = await inactiveEpochs();
    expect(follower.store.rows("l2Blocks")).to.have.length(blocks);
    const config = await s.system.config();
    const detect = (consecutiveEpochs: number) =>
      new StoreInactivity({
        store: follower.store,
        publicClient: s.publicClient,
        rollup: s.system.rollup.address,
        config,
        policy: { maxMissedShare: 0.5, consecutiveEpochs, fromEpoch: 2n },
      }).offences();

    const offences = await detect(2);
    expect(offences.map((o) => o.attester).sort(byAddress)).to.deep.equal([...offline].sort(byAddress));
    for (const o of offences) expect(o).to.deep.include({ kind: "INACTIVITY", slot: 3n * EPOCH, key: "inactivity:2" });
    expect(offences.map((o) => o.attester)).to.not.include(flaky, "one missed attestation is below the share");
    expect(await detect(3), "two epochs are not three").to.deep.equal([]);
    const one = await detect(1);
    expect(one.filter((o) => o.attester === offline[0]).map((o) => o.key)).to.deep.equal(["inactivity:2"]);

    // The slasher's payload: the offline members, but not the node's own key among them.
    const [deployer] = await viem.getWalletClients();
    const factory = await viem.deployContract("SlashPayloadFactory");
    const slasher = await viem.deployContract("Slasher", [
      {
        rollup: s.system.rollup.address,
        factory: factory.address,
        proposer: zeroAddress,
        vetoer: deployer.account.address,
        sink: deployer.account.address,
        owner: deployer.account.address,
        maxPauseDuration: 86_400n,
        equivocationAmount: 10n ** 18n,
      },
    ]);
    const registry = await s.system.escrow.read.registry();
    const proposer = await viem.deployContract("SlashingProposer", [registry, slasher.address, 17n, EPOCH, 4n, 1n]);
    const own = offline[2];
    const actor = new SlasherActor({
      store: follower.store,
      publicClient: s.publicClient,
      rollup: s.system.rollup.address,
      config,
      slashingProposer: proposer.address,
      slasher: slasher.address,
      factory: factory.address,
      domain: { chainId: await s.publicClient.getChainId(), rollup: s.system.rollup.address },
      accounts: [s.system.accountOf(own)],
      walletFor: (a) => s.system.walletFor(a as Parameters<typeof s.system.walletFor>[0]),
      policy: {
        amounts: { INACTIVITY: INACTIVITY_SLASH },
        maxOffenders: 48,
        expiryRounds: 2n,
        inactivity: { maxMissedShare: 0.5, consecutiveEpochs: 2, fromEpoch: 2n },
      },
      now: l1Now(s),
    });
    const payload = await actor.payloadFor(4n);
    expect(payload?.entries).to.deep.equal(
      offline
        .filter((a) => a !== own)
        .sort(byAddress)
        .map((attester) => ({ attester, amount: INACTIVITY_SLASH, offence: 2 })),
    );
    expect(await actor.payloadFor(6n), "expired after expiryRounds").to.equal(null);
  });

  it("counts duties and misses per member and refuses a policy out of range", () => {
    const members = [1, 2, 3].map((i) => validatorAccount(i).address);
    const committee = { epoch: 5n, seed: 7n, snapshotTime: 0n, committee: members };
    const proposer = (slot: bigint) => getAddress(proposerOf(committee, slot)!);
    // slots 160..163: blocks in 160 and 161, signed by members 0 and 1 (member 2 signs none)
    const blocks = [160n, 161n].map((slot) => ({ slot, signers: new Set([members[0], members[1]]) }));
    const activity = epochActivity(committee, 160n, 4n, blocks);
    for (const [i, member] of members.entries()) {
      const proposals = [160n, 161n, 162n, 163n].filter((slot) => proposer(slot) === member);
      const missedProposals = proposals.filter((slot) => slot > 161n).length;
      expect(activity.get(member)).to.deep.equal({
        duties: proposals.length + 2,
        missed: missedProposals + (i === 2 ? 2 : 0),
      });
    }
    const policy = { maxMissedShare: 0.5, consecutiveEpochs: 2 };
    const idle = new Map([[members[0], { duties: 4, missed: 3 }]]);
    const absent = new Map<Address, { duties: number; missed: number }>();
    const active = new Map([[members[0], { duties: 4, missed: 2 }]]);
    const run = (...epochs: Map<Address, { duties: number; missed: number }>[]) =>
      inactivityOffences(
        epochs.map((activity, i) => ({ epoch: BigInt(i), activity })),
        policy,
        EPOCH,
      ).map((o) => o.key);
    expect(run(idle, absent, idle), "an epoch off the committee neither ends nor extends a streak").to.deep.equal([
      "inactivity:0",
    ]);
    expect(run(idle, active, idle), "exactly the share is not above it: the streak ends").to.deep.equal([]);
    expect(run(idle, idle, idle, active, idle, idle), "one offence per streak").to.deep.equal([
      "inactivity:0",
      "inactivity:4",
    ]);
    expect(() => checkInactivityPolicy({ maxMissedShare: 1, consecutiveEpochs: 1 })).to.throw("maxMissedShare");
    expect(() => checkInactivityPolicy({ maxMissedShare: 0.2, consecutiveEpochs: 0 })).to.throw("consecutiveEpochs");
  });
});
