import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { type Address, getAddress, zeroAddress } from "viem";
import { SlasherActor, type SlasherTick } from "../../src/node/slasher/SlasherActor.js";
import { buildPayload } from "../../src/node/slasher/buildPayload.js";
import { attestationTypedDataOf, type Offence } from "../../src/node/slasher/offences.js";
import { validatorAccount } from "../../src/system/validatorKeys.js";
import { deployFollowedSystem, type FollowedSystem } from "./helpers/followedSystem.js";
import { actorNodes, l1Now, proposedOf } from "./helpers/actorNodes.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

const EPOCH = 32n; // slots; a slash round is one epoch (M = 32, N = 17)
const STAKE = 100n * 10n ** 18n;
const PRUNE_SLASH = 60n * 10n ** 18n; // leaves 40: below the ejection threshold of 50

/** The followed system (48 validators, committees of 16) with the slashing contracts, the Slasher the Rollup's. */
async function slashingSystem(s: FollowedSystem) {
  const [deployer, vetoer] = await viem.getWalletClients();
  const factory = await viem.deployContract("SlashPayloadFactory");
  const slasher = await viem.deployContract("Slasher", [
    {
      rollup: s.system.rollup.address,
      factory: factory.address,
      proposer: zeroAddress,
      vetoer: vetoer.account.address,
      sink: deployer.account.address,
      owner: deployer.account.address,
      maxPauseDuration: 3n * 86_400n,
      equivocationAmount: 10n * 10n ** 18n,
    },
  ]);
  const registry = await s.system.escrow.read.registry();
  const proposer = await viem.deployContract("SlashingProposer", [registry, slasher.address, 17n, EPOCH, 4n, 1n]);
  await slasher.write.initializeProposer([proposer.address]);
  await s.system.rollup.write.setSlasher([slasher.address]);
  return { factory, slasher, proposer, vetoer };
}

/**
 * A pruned epoch 2: one block proposed by the real sequencers, never proven, pruned in epoch 4; then a slasher
 * (with `publisher`: every slashing transaction sent by it, the validator keys only signing).
 */
async function prunedEpoch(opts: { publisher?: Awaited<ReturnType<typeof viem.getWalletClients>>[number] } = {}) {
  const s = await deployFollowedSystem(connection);
  const n = await actorNodes(s);
  const contracts = await slashingSystem(s);
  await networkHelpers.time.increaseTo(await s.system.slotStart(2n * EPOCH + 1n));
  proposedOf(await n.step());
  await goToSlot(s, 4n * EPOCH);
  await s.system.rollup.write.prune();
  await n.follower.sync();
  const accounts = Array.from({ length: 48 }, (_, i) => validatorAccount(i));
  const actor = new SlasherActor({
    store: n.follower.store,
    publicClient: s.publicClient,
    rollup: s.system.rollup.address,
    config: n.config,
    slashingProposer: contracts.proposer.address,
    slasher: contracts.slasher.address,
    factory: contracts.factory.address,
    domain: n.domain,
    accounts,
    walletFor:
      opts.publisher === undefined
        ? (a) => s.system.walletFor(a as Parameters<typeof s.system.walletFor>[0])
        : async () => {
            throw new Error("a validator key was asked to send a transaction");
          },
    publisher: opts.publisher,
    // this test's one operator runs every validator, so it must allow slashing its own keys
    policy: { amounts: { PRUNED_EPOCH: PRUNE_SLASH }, maxOffenders: 48, expiryRounds: 4n, slashOwnKeys: true },
    now: l1Now(s),
  });
  const committee2 = (await s.system.committee(2n)).committee.map((a) => getAddress(a));
  return { s, n, actor, committee2, ...contracts };
}

/** Moves to the start of `slot`, setting up each epoch as the network does. */
async function goToSlot(s: FollowedSystem, slot: bigint) {
  const start = await s.system.slotStart(slot);
  if ((await networkHelpers.time.latest()) < start) await networkHelpers.time.increaseTo(start);
  if (!(await s.system.rollup.read.isSeedFixed([slot / EPOCH + 1n]))) await s.system.rollup.write.setupEpoch();
}

/** Ticks the slasher once per slot from `from` for `count` slots. */
async function tickSlots(s: FollowedSystem, actor: SlasherActor, from: bigint, count: bigint): Promise<SlasherTick[]> {
  const ticks: SlasherTick[] = [];
  for (let slot = from; slot < from + count; slot++) {
    await goToSlot(s, slot);
    ticks.push(await actor.tick());
  }
  return ticks;
}

/** The message of what `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return [(error as Error).message, ...((error as { metaMessages?: string[] }).metaMessages ?? [])].join(" ");
  }
  throw new Error("expected a rejection");
}

const stakeOf = (s: FollowedSystem, a: Address) => s.system.escrow.read.getValidator([a]).then((v) => v.stake);

describe("node slasher: a pruned epoch's committee slashed through signalled rounds", () => {
  it("signals the pruned committee's payload to quorum, executes it after the veto window; the ejected are not sampled two epochs later", async () => {
    const { s, actor, committee2, proposer } = await prunedEpoch();
    const ticks = await tickSlots(s, actor, 4n * EPOCH, 17n);
    const payload = ticks[0].payload!;
    expect(payload.entries.map((e) => e.attester)).to.deep.equal(
      [...committee2].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)),
    );
    expect(payload.entries.every((e) => e.amount === PRUNE_SLASH && e.offence === 0)).to.equal(true);
    expect(ticks.map((t) => t.signal.status)).to.deep.equal(Array(17).fill("signalled"));
    expect((await proposer.read.getRound([s.system.rollup.address, 4n])).leaderSignals).to.equal(17n);

    // Round 5 is the veto window: nothing executes; in round 6 the winner does.
    const waiting = await tickSlots(s, actor, 5n * EPOCH, 1n);
    expect(waiting[0].executions).to.deep.equal([]);
    for (const a of committee2) expect(await stakeOf(s, a)).to.equal(STAKE);
    const [executed] = await tickSlots(s, actor, 6n * EPOCH, 1n);
    expect(executed.executions.map((e) => e.status)).to.deep.equal(["executed"]);
    for (const a of committee2) expect(await stakeOf(s, a), a).to.equal(STAKE - PRUNE_SLASH);
    expect((await proposer.read.getRound([s.system.rollup.address, 4n])).executed).to.equal(true);
    // The offences are settled: the next round has no payload.
    expect(executed.payload).to.equal(null);

    // Slashed in epoch 6: out of the snapshot of epoch 8.
    await goToSlot(s, 7n * EPOCH);
    await goToSlot(s, 8n * EPOCH);
    const committee8 = (await s.system.rollup.read.getEpochCommittee([8n])).map((a) => getAddress(a));
    expect(committee8).to.have.length(16);
    for (const a of committee8) expect(committee2, `${a} was ejected`).to.not.include(a);
  });

  it("with a publisher key: the proposers only sign (signalWithSig), the publisher sends the signals, the payload and the execution", async () => {
    const publisher = (await viem.getWalletClients())[5];
    const { s, actor, committee2, proposer } = await prunedEpoch({ publisher });
    const ticks = await tickSlots(s, actor, 4n * EPOCH, 17n);
    expect(ticks.map((t) => t.signal.status)).to.deep.equal(Array(17).fill("signalled"));
    const senders = new Set<string>();
    for (const t of ticks) {
      const { txHash, signaler } = t.signal as Extract<SlasherTick["signal"], { status: "signalled" }>;
      senders.add((await s.publicClient.getTransaction({ hash: txHash })).from);
      expect(signaler).to.not.equal(publisher.account.address);
    }
    expect([...senders]).to.deep.equal([publisher.account.address.toLowerCase()]);
    expect((await proposer.read.getRound([s.system.rollup.address, 4n])).leaderSignals).to.equal(17n);
    await tickSlots(s, actor, 5n * EPOCH, 1n);
    const [executed] = await tickSlots(s, actor, 6n * EPOCH, 1n);
    const execution = executed.executions[0] as Extract<SlasherTick["executions"][number], { status: "executed" }>;
    expect(execution.status).to.equal("executed");
    expect((await s.publicClient.getTransaction({ hash: execution.txHash })).from).to.equal(
      publisher.account.address.toLowerCase(),
    );
    for (const a of committee2) expect(await stakeOf(s, a), a).to.equal(STAKE - PRUNE_SLASH);
  });

  it("executes nothing when the vetoer vetoes the winner in the veto window: no stake moves", async () => {
    const { s, actor, committee2, slasher, vetoer } = await prunedEpoch();
    const ticks = await tickSlots(s, actor, 4n * EPOCH, 17n);
    const payload = ticks[0].payload!.address;
    await goToSlot(s, 5n * EPOCH);
    await slasher.write.veto([payload], { account: vetoer.account });
    const [after] = await tickSlots(s, actor, 6n * EPOCH, 1n);
    expect(after.executions).to.deep.equal([{ status: "vetoed", round: 4n, payload: getAddress(payload) }]);
    expect(after.payload).to.equal(null, "a vetoed payload's offences are not signalled again");
    for (const a of committee2) expect(await stakeOf(s, a)).to.equal(STAKE);
    expect(await slasher.read.getPayloadState([payload])).to.equal(0);
  });

  it("takes equivocation evidence only when it is evidence, and never slashes the node's own keys unless allowed", async () => {
    const { actor, n } = await prunedEpoch();
    const key = validatorAccount(3);
    const sign = (headerHash: `0x${string}`) => key.signTypedData(attestationTypedDataOf(n.domain, headerHash));
    const [h1, h2] = [`0x${"11".repeat(32)}`, `0x${"22".repeat(32)}`] as const;
    const first = { slot: 70n, headerHash: h1, signature: await sign(h1) };
    const second = { slot: 70n, headerHash: h2, signature: await sign(h2) };
    expect(
      await rejection(actor.reportEquivocation({ attester: key.address, first, second: { ...second, slot: 71n } })),
    ).to.include("one slot");
    const same = actor.reportEquivocation({ attester: key.address, first, second: first });
    expect(await rejection(same)).to.include("different header hashes");
    const forged = actor.reportEquivocation({ attester: validatorAccount(4).address, first, second });
    expect(await rejection(forged)).to.include("signature by");
    const offence = await actor.reportEquivocation({ attester: key.address, first, second });
    expect(offence).to.deep.include({ attester: key.address, kind: "EQUIVOCATION", slot: 70n });

    const offences: Offence[] = [
      offence,
      { ...offence, attester: validatorAccount(5).address, kind: "PRUNED_EPOCH", key: "prune:2" },
    ];
    const policy = { amounts: { EQUIVOCATION: 5n, PRUNED_EPOCH: 7n }, maxOffenders: 1, expiryRounds: 1n };
    const build = (round: bigint, ownKeys: Address[] = []) =>
      buildPayload({ offences, policy, round, roundSize: EPOCH, ownKeys, settled: new Set() }).entries;
    expect(build(2n)).to.deep.equal(
      [{ attester: validatorAccount(5).address, amount: 7n, offence: 0 }],
      "largest first, bounded",
    );
    expect(build(2n, [validatorAccount(5).address])).to.deep.equal(
      [{ attester: key.address, amount: 5n, offence: 3 }],
      "own key left out",
    );
    expect(build(4n)).to.deep.equal([], "expired after one round");
  });
});
