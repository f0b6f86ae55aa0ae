import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { type Hex, toHex, zeroAddress } from "viem";
import { RollupSystemBuilder } from "../../src/system/RollupSystemBuilder.js";
import type { RollupSystem } from "../../src/system/RollupSystem.js";
import { outTree } from "../../src/messaging/outboxProof.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;
const BLOCK_REWARD = 10n ** 18n;
const PROVER_REWARD = 5n * 10n ** 18n;

/** A bootstrap Rollup (anyone proposes) with an Inbox, an Outbox and a funded reward pool. */
async function deploySystem() {
  const [deployer, prover] = await viem.getWalletClients();
  const asset = await viem.deployContract("TestStakingAsset", ["Reward", "RWD", deployer.account.address, 1n, 1n]);
  const pool = await viem.deployContract("RewardPool", [asset.address, deployer.account.address]);
  const inbox = await viem.deployContract("Inbox", [4n, 8n, 1n, 0n, zeroAddress]);
  const system = await new RollupSystemBuilder(connection)
    .withBootstrap()
    .withProofs({ rewardPool: pool.address, blockReward: BLOCK_REWARD, proverReward: PROVER_REWARD })
    .withInbox(inbox.address)
    .build();
  const outbox = await viem.deployContract("Outbox", [system.rollup.address]);
  await inbox.write.bindRollup([system.rollup.address]);
  await pool.write.setRollupAuthorized([system.rollup.address, true]);
  await asset.write.mint([pool.address, 1000n * 10n ** 18n]);
  return { system, inbox, outbox, pool, asset, deployer, prover };
}

type Deployed = Awaited<ReturnType<typeof deploySystem>>;

async function proposeAt(d: Deployed, slot: bigint, opts: { outHash?: Hex } = {}) {
  const [tip] = await d.system.rollup.read.getPendingTip();
  const inHash = await d.inbox.read.getRoot([tip + 1n]);
  const { proposal, receipt } = await d.system.proposeAt(slot, { inHash, outHash: opts.outHash });
  expect(receipt.status).to.equal("success");
  return proposal;
}

function prover(d: Deployed) {
  return d.system.proverClient(d.prover);
}

/** Epoch 1 full: 32 blocks, one blob each; block 2 sends three L2→L1 messages. */
async function epochFixture() {
  const d = await deploySystem();
  const me = d.deployer.account.address;
  const chainId = BigInt(await (await viem.getPublicClient()).getChainId());
  const tree = outTree(
    [7n, 8n, 9n].map((n) => ({
      sender: toHex(n, { size: 32 }),
      recipient: me,
      chainId,
      content: toHex(n, { size: 32 }),
    })),
  );
  for (let slot = 32n; slot < 64n; slot++) await proposeAt(d, slot, slot === 33n ? { outHash: tree.outHash } : {});
  return { ...d, tree };
}

async function tipsOf(system: RollupSystem) {
  return system.rollup.read.getTips();
}

describe("Rollup epoch proofs (full Rollup)", () => {
  it("proves an epoch of 32 blocks, each a real blob transaction, with the prover client", async () => {
    const d = await networkHelpers.loadFixture(epochFixture);
    const client = await prover(d);
    expect(await client.tick()).to.deep.equal({ status: "waiting", epoch: 1n });
    await d.system.warpToEpoch(2n);
    const done = await client.tick();
    expect(done).to.include({ status: "proven", epoch: 1n, startBlock: 1n, endBlock: 32n });
    expect(await tipsOf(d.system)).to.deep.equal({ pendingBlockNumber: 32n, provenBlockNumber: 32n });
    expect(await d.system.rollup.read.getProverCredit([d.prover.account.address])).to.equal(PROVER_REWARD);
  });

  it("refuses a proof the verifier rejects, leaving the chain unchanged", async () => {
    const d = await networkHelpers.loadFixture(epochFixture);
    await d.system.verifier.write.setAccepting([false]);
    await d.system.warpToEpoch(2n);
    const result = await (await prover(d)).tick();
    expect(result.status).to.equal("failed");
    expect(await tipsOf(d.system)).to.deep.equal({ pendingBlockNumber: 32n, provenBlockNumber: 0n });
  });

  it("prunes at the deadline, then builds the next block on the proven tip", async () => {
    const d = await networkHelpers.loadFixture(epochFixture);
    const deadline = await d.system.rollup.read.proofDeadline([1n]);
    expect(await d.system.rollup.read.canPruneAtTime([deadline - 1n])).to.equal(false);
    await networkHelpers.time.setNextBlockTimestamp(deadline);
    await viem.assertions.emitWithArgs(d.system.rollup.write.prune(), d.system.rollup, "Pruned", [1n, 0n, 32n]);
    expect(await tipsOf(d.system)).to.deep.equal({ pendingBlockNumber: 0n, provenBlockNumber: 0n });
    expect(await d.system.rollup.read.isEpochPruned([1n])).to.equal(true);
    // Block 1 again, on genesis, three epochs later; it consumes Inbox tree 1 again.
    const again = await proposeAt(d, 3n * 32n + 1n);
    expect(again.block.header.blockNumber).to.equal(1n);
    expect(again.block.header.lastArchive).to.equal((await d.system.rollup.read.getConfig()).genesisArchive);
  });

  it("refuses a block whose inHash is not its Inbox tree's root", async () => {
    const d = await networkHelpers.loadFixture(epochFixture);
    await d.inbox.write.sendL2Message([toHex(1n, { size: 32 }), toHex(2n, { size: 32 }), toHex(3n, { size: 32 })]);
    const slot = 2n * 32n + 1n;
    await d.system.atSlot(slot);
    const proposal = await d.system.prepare(slot, { inHash: toHex(0n, { size: 32 }) });
    const expected = await d.inbox.read.getRoot([33n]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.system.send(proposal),
      d.system.rollup,
      "Rollup__InHashMismatch",
      [expected, toHex(0n, { size: 32 })],
    );
    expect((await tipsOf(d.system)).pendingBlockNumber).to.equal(32n);
  });

  it("pays rewards by pull and lets an L2→L1 message of a proven block be consumed once", async () => {
    const d = await networkHelpers.loadFixture(epochFixture);
    const { message, leafIndex, path } = d.tree.proof(1);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.outbox.write.consume([message, 2n, leafIndex, path]),
      d.outbox,
      "Outbox__BlockNotProven",
      [0n, 2n],
    );
    await d.system.warpToEpoch(2n);
    await (await prover(d)).tick();
    await d.outbox.write.consume([message, 2n, leafIndex, path]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      d.outbox.write.consume([message, 2n, leafIndex, path]),
      d.outbox,
      "Outbox__AlreadyConsumed",
      [2n, 1n],
    );

    await d.system.rollup.write.claimRewards([[]], { account: d.prover.account });
    expect(await d.asset.read.balanceOf([d.prover.account.address])).to.equal(PROVER_REWARD);
    // Bootstrap blocks name a placeholder coinbase nobody controls: its rewards stay claimable by it alone.
    const coinbase = (await d.system.rollup.read.getBlock([1n])).coinbase;
    expect(await d.system.rollup.read.isBlockRewardClaimed([1n])).to.equal(false);
    expect(coinbase).to.not.equal(d.prover.account.address);
  });
});
