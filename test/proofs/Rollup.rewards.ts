import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import type { Address, Hex } from "viem";
import { RollupSystemBuilder } from "../../src/system/RollupSystemBuilder.js";
import type { RollupSystem } from "../../src/system/RollupSystem.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

const BLOCK_REWARD = 10n ** 18n;
const PROVER_REWARD = 5n * 10n ** 18n;
const POOL_FUNDS = 1_000n * 10n ** 18n;
const EPOCH = 2n;
const FIRST_SLOT = EPOCH * 32n + 1n; // warpToEpoch mines the epoch's first second
const BLOCKS = 8;

/**
 * A committee Rollup (48 validators, committees of 16) paying rewards from a funded pool, with blocks 1..8
 * proposed by epoch 2's sampled proposers in slots 65..72: each block's coinbase is the proposer that sent it.
 */
async function committeeEpochFixture() {
  const [deployer, prover] = await viem.getWalletClients();
  const asset = await viem.deployContract("TestStakingAsset", ["Reward", "RWD", deployer.account.address, 1n, 1n]);
  const pool = await viem.deployContract("RewardPool", [asset.address, deployer.account.address]);
  const system = await new RollupSystemBuilder(connection)
    .withValidators(48)
    .withCommitteeSize(16)
    .withProofs({ rewardPool: pool.address, blockReward: BLOCK_REWARD, proverReward: PROVER_REWARD })
    .build();
  await pool.write.setRollupAuthorized([system.rollup.address, true]);
  await asset.write.mint([pool.address, POOL_FUNDS]);
  await system.warpToEpoch(EPOCH);
  const blocksOf = new Map<Address, bigint[]>();
  for (let k = 0; k < BLOCKS; k++) {
    const { proposal, receipt } = await system.proposeAt(FIRST_SLOT + BigInt(k));
    expect(receipt.status).to.equal("success");
    const coinbase = proposal.block.header.coinbase;
    expect(coinbase).to.equal(proposal.proposer!.address);
    blocksOf.set(coinbase, [...(blocksOf.get(coinbase) ?? []), proposal.block.header.blockNumber]);
  }
  return { system, asset, pool, prover, blocksOf };
}

/** The epoch fixture with epoch 2 proven by the prover client. */
async function provenFixture() {
  const f = await committeeEpochFixture();
  await f.system.warpToEpoch(EPOCH + 1n);
  const proven = await (await f.system.proverClient(f.prover)).tick();
  expect(proven).to.include({ status: "proven", epoch: EPOCH, startBlock: 1n, endBlock: BigInt(BLOCKS) });
  return f;
}

/** `sequencer` (a validator) claims `blocks` from its own key. */
async function claim(system: RollupSystem, sequencer: Address, blocks: bigint[]): Promise<Hex> {
  const wallet = await system.walletFor(system.accountOf(sequencer));
  return wallet.writeContract({
    address: system.rollup.address,
    abi: system.rollup.abi,
    functionName: "claimRewards",
    args: [blocks],
  });
}

/** Token balances and claim marks a refused claim must leave untouched. */
async function rewardState(f: Awaited<ReturnType<typeof committeeEpochFixture>>) {
  const holders = [f.pool.address, ...f.blocksOf.keys()];
  return {
    balances: await Promise.all(holders.map((a) => f.asset.read.balanceOf([a]))),
    claimed: await Promise.all(
      Array.from({ length: BLOCKS }, (_, i) => f.system.rollup.read.isBlockRewardClaimed([BigInt(i + 1)])),
    ),
  };
}

async function expectClaimRefused(
  f: Awaited<ReturnType<typeof committeeEpochFixture>>,
  sequencer: Address,
  blocks: bigint[],
  error: string,
  args: unknown[],
) {
  const before = await rewardState(f);
  await viem.assertions.revertWithCustomErrorWithArgs(
    claim(f.system, sequencer, blocks),
    f.system.rollup,
    error as "Reward__NotCoinbase",
    args as [bigint, Address, Address],
  );
  expect(await rewardState(f)).to.deep.equal(before);
}

describe("Rollup rewards with sampled committees (full Rollup)", () => {
  it("pays each proposer of a proven epoch one block reward per block it proposed, and the prover its reward", async () => {
    const f = await networkHelpers.loadFixture(provenFixture);
    expect(f.blocksOf.size).to.be.greaterThan(1, "the fixture should rotate proposers within the epoch");
    for (const [sequencer, blocks] of f.blocksOf) {
      await viem.assertions.emitWithArgs(claim(f.system, sequencer, blocks), f.system.rollup, "RewardsClaimed", [
        sequencer,
        BLOCK_REWARD * BigInt(blocks.length),
      ]);
      expect(await f.asset.read.balanceOf([sequencer])).to.equal(BLOCK_REWARD * BigInt(blocks.length));
    }
    await f.system.rollup.write.claimRewards([[]], { account: f.prover.account });
    expect(await f.asset.read.balanceOf([f.prover.account.address])).to.equal(PROVER_REWARD);
    expect(await f.asset.read.balanceOf([f.pool.address])).to.equal(
      POOL_FUNDS - BigInt(BLOCKS) * BLOCK_REWARD - PROVER_REWARD,
    );
  });

  it("refuses a block another proposer built, a second claim of a block, and an unproven block", async () => {
    const f = await networkHelpers.loadFixture(provenFixture);
    const [[first, firstBlocks], [second, secondBlocks]] = [...f.blocksOf];
    await expectClaimRefused(f, first, [secondBlocks[0]], "Reward__NotCoinbase", [secondBlocks[0], second, first]);

    await claim(f.system, first, firstBlocks);
    await expectClaimRefused(f, first, [firstBlocks[0]], "Reward__AlreadyClaimed", [firstBlocks[0]]);

    // block 9 in epoch 3 is pending, not proven
    const { proposal } = await f.system.proposeAt((EPOCH + 1n) * 32n + 1n);
    const proposer = proposal.block.header.coinbase;
    expect(await f.system.rollup.read.isBlockRewardClaimed([9n])).to.equal(false);
    await expectClaimRefused(f, proposer, [9n], "Reward__BlockNotProven", [BigInt(BLOCKS), 9n]);
  });

  it("pays nothing for the blocks of a pruned epoch", async () => {
    const f = await networkHelpers.loadFixture(committeeEpochFixture);
    const deadline = await f.system.rollup.read.proofDeadline([EPOCH]);
    await networkHelpers.time.setNextBlockTimestamp(deadline);
    await f.system.rollup.write.prune();
    const [sequencer, blocks] = [...f.blocksOf][0];
    await expectClaimRefused(f, sequencer, blocks, "Reward__BlockNotProven", [0n, blocks[0]]);
    await expectClaimRefused(f, sequencer, [], "Reward__NothingToClaim", [sequencer]);
  });
});
