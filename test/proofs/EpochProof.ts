import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { type ContractErrorName, concat, keccak256, numberToHex, toHex } from "viem";
import { buildEpochProof, planEpoch } from "../../src/prover/buildEpochProof.js";
import { blocksFromEvents } from "../../src/prover/blocksFromEvents.js";
import { createProverClient } from "../../src/prover/proverClient.js";
import { BLS_MODULUS } from "../../src/prover/blobChallenges.js";
import { BLOCK_REWARD, EPOCH, GENESIS_ARCHIVE, PROVER_REWARD, SLOT, deployProofChain } from "./helpers/proofChain.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

type Chain = Awaited<ReturnType<typeof deployProofChain>>;

/** The proof of the next epoch as the prover client builds it, at the chain's current time (or `now`). */
async function nextProof(chain: Chain, now?: bigint) {
  const { proven: provenTip, pending: pendingTip } = await chain.tips();
  const pending = [];
  for (let n = provenTip + 1n; n <= pendingTip; n++) pending.push(chain.blocks.get(n)!);
  const plan = planEpoch({
    provenTip: { blockNumber: provenTip, archive: await chain.archiveOf(provenTip) },
    pending,
    clock: { genesisTime: chain.genesisTime, slotDuration: SLOT, epochDuration: EPOCH },
    now: now ?? (await chain.publicClient.getBlock()).timestamp + 1n,
  });
  if (plan === undefined) throw new Error("no provable epoch");
  return buildEpochProof({
    chainId: BigInt(await chain.publicClient.getChainId()),
    rollup: chain.rollup.address,
    epoch: plan.epoch,
    previousArchive: plan.previousArchive,
    blocks: plan.blocks,
    blobOf: (vh) => chain.blobStore.get(vh)!,
    prover: chain.prover.account.address,
    kzg: chain.kzg,
  });
}

/** The real Rollup (bootstrap, see proofChain.ts) with a full epoch 0 of 32 blocks, one real blob each. */
async function epochProposedFixture() {
  const chain = await deployProofChain(connection);
  await chain.proposeMany(0n, Number(EPOCH));
  return chain;
}

async function tips(chain: Chain) {
  return chain.tips();
}

describe("Rollup.submitEpochRootProof", () => {
  it("proves an epoch of 32 blocks with one real blob each, credits the prover and emits EpochProven", async () => {
    const chain = await networkHelpers.loadFixture(epochProposedFixture);
    await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(1n));
    const proof = await nextProof(chain, chain.epochStart(1n));
    expect(proof.startBlock).to.equal(1n);
    expect(proof.endBlock).to.equal(32n);
    expect(proof.publicInputs.epochAccumulator).to.equal(await chain.rollup.read.getEpochAccumulator([0n]));
    await viem.assertions.emitWithArgs(
      chain.rollup.write.submitEpochRootProof([1n, 32n, proof.publicInputs, proof.blobProof, "0x"]),
      chain.rollup,
      "EpochProven",
      [0n, 1n, 32n, proof.publicInputs.endArchive, chain.prover.account.address],
    );
    expect(await tips(chain)).to.deep.equal({ proven: 32n, pending: 32n });
    expect(await chain.rollup.read.getProverCredit([chain.prover.account.address])).to.equal(PROVER_REWARD);
  });

  it("passes the verifier the public inputs hash the prover client computes", async () => {
    const chain = await networkHelpers.loadFixture(epochProposedFixture);
    await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(1n));
    const proof = await nextProof(chain, chain.epochStart(1n));
    await chain.verifier.write.setAccepting([false]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      chain.rollup.write.submitEpochRootProof([1n, 32n, proof.publicInputs, proof.blobProof, "0x"]),
      chain.rollup,
      "EpochProof__InvalidProof",
      [proof.publicInputsHash],
    );
    expect(await tips(chain)).to.deep.equal({ proven: 0n, pending: 32n });
    expect(await chain.rollup.read.getProverCredit([chain.prover.account.address])).to.equal(0n);
  });

  describe("refusals leave the chain unchanged", () => {
    async function expectRefused(
      chain: Chain,
      args: Parameters<Chain["rollup"]["write"]["submitEpochRootProof"]>[0],
      error: ContractErrorName<Chain["rollup"]["abi"]>,
      errorArgs: unknown[],
    ) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        chain.rollup.write.submitEpochRootProof(args),
        chain.rollup,
        error,
        errorArgs as never,
      );
      expect(await tips(chain)).to.deep.equal({ proven: 0n, pending: 32n });
      expect(await chain.rollup.read.getProverCredit([chain.prover.account.address])).to.equal(0n);
    }

    async function atEpochOne() {
      const chain = await networkHelpers.loadFixture(epochProposedFixture);
      const proof = await nextProof(chain, chain.epochStart(1n));
      await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(1n) + 100n);
      return { chain, proof };
    }

    it("refuses a wrong blob opening (y + 1)", async () => {
      const { chain, proof } = await atEpochOne();
      const { commitment, kzgProof, z, y } = proof.batched;
      const wrongY = (y + 1n) % BLS_MODULUS;
      const blobProof = concat([commitment, numberToHex(wrongY, { size: 32 }), kzgProof]);
      await expectRefused(chain, [1n, 32n, proof.publicInputs, blobProof, "0x"], "BlobProof__PointEvaluationFailed", [
        z,
        wrongY,
      ]);
    });

    it("refuses a blob accumulator other than the one built at propose time", async () => {
      const { chain, proof } = await atEpochOne();
      const wrong = keccak256(toHex("other blobs"));
      await expectRefused(
        chain,
        [1n, 32n, { ...proof.publicInputs, epochAccumulator: wrong }, proof.blobProof, "0x"],
        "EpochProof__EpochAccumulatorMismatch",
        [proof.publicInputs.epochAccumulator, wrong],
      );
    });

    it("refuses a wrong end archive and a wrong previous archive", async () => {
      const { chain, proof } = await atEpochOne();
      const wrong = keccak256(toHex("forged"));
      await expectRefused(
        chain,
        [1n, 32n, { ...proof.publicInputs, endArchive: wrong }, proof.blobProof, "0x"],
        "EpochProof__EndArchiveMismatch",
        [proof.publicInputs.endArchive, wrong],
      );
      await expectRefused(
        chain,
        [1n, 32n, { ...proof.publicInputs, previousArchive: wrong }, proof.blobProof, "0x"],
        "EpochProof__PreviousArchiveMismatch",
        [GENESIS_ARCHIVE, wrong],
      );
    });

    it("refuses the wrong range: a later start, a partial epoch, an end beyond the pending tip", async () => {
      const { chain, proof } = await atEpochOne();
      const pi = proof.publicInputs;
      await expectRefused(chain, [2n, 32n, pi, proof.blobProof, "0x"], "EpochProof__InvalidStartBlock", [1n, 2n]);
      await expectRefused(chain, [1n, 31n, pi, proof.blobProof, "0x"], "EpochProof__InvalidEndBlock", [0n, 31n]);
      await expectRefused(chain, [1n, 33n, pi, proof.blobProof, "0x"], "EpochProof__InvalidEndBlock", [0n, 33n]);
    });

    it("refuses a proof before the epoch ends and once its window has passed", async () => {
      const chain = await networkHelpers.loadFixture(epochProposedFixture);
      const proof = await nextProof(chain, chain.epochStart(1n));
      const args = [1n, 32n, proof.publicInputs, proof.blobProof, "0x"] as const;
      await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(1n) - 1n);
      await expectRefused(chain, [...args], "EpochProof__EpochNotComplete", [0n, 0n]);
      const deadline = await chain.rollup.read.proofDeadline([0n]);
      expect(deadline).to.equal(chain.epochStart(2n));
      await networkHelpers.time.setNextBlockTimestamp(deadline);
      await expectRefused(chain, [...args], "EpochProof__WindowPassed", [deadline, deadline]);
    });

    it("accepts the proof one second before the deadline", async () => {
      const chain = await networkHelpers.loadFixture(epochProposedFixture);
      const proof = await nextProof(chain, chain.epochStart(1n));
      await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(2n) - 1n);
      await chain.rollup.write.submitEpochRootProof([1n, 32n, proof.publicInputs, proof.blobProof, "0x"]);
      expect(await tips(chain)).to.deep.equal({ proven: 32n, pending: 32n });
    });

    it("refuses when the verifier rejects", async () => {
      const { chain, proof } = await atEpochOne();
      await chain.verifier.write.setAccepting([false]);
      await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(1n) + 200n);
      await expectRefused(chain, [1n, 32n, proof.publicInputs, proof.blobProof, "0x"], "EpochProof__InvalidProof", [
        proof.publicInputsHash,
      ]);
    });

    it("refuses a zero prover and a proof when nothing is pending", async () => {
      const { chain, proof } = await atEpochOne();
      const zero = "0x0000000000000000000000000000000000000000";
      await expectRefused(
        chain,
        [1n, 32n, { ...proof.publicInputs, prover: zero }, proof.blobProof, "0x"],
        "EpochProof__ZeroProver",
        [],
      );
      await chain.rollup.write.submitEpochRootProof([1n, 32n, proof.publicInputs, proof.blobProof, "0x"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        chain.rollup.write.submitEpochRootProof([33n, 33n, proof.publicInputs, proof.blobProof, "0x"]),
        chain.rollup,
        "EpochProof__NothingToProve",
        [32n, 32n],
      );
    });
  });
});

describe("Rollup.prune", () => {
  it("prunes exactly at the window's end, not one second before, and records the epoch as slashable", async () => {
    const chain = await networkHelpers.loadFixture(epochProposedFixture);
    const deadline = await chain.rollup.read.proofDeadline([0n]);
    expect(await chain.rollup.read.canPruneAtTime([deadline - 1n])).to.equal(false);
    expect(await chain.rollup.read.canPruneAtTime([deadline])).to.equal(true);

    await networkHelpers.time.setNextBlockTimestamp(deadline - 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(chain.rollup.write.prune(), chain.rollup, "Prune__WindowOpen", [
      deadline,
      deadline - 1n,
    ]);
    expect(await tips(chain)).to.deep.equal({ proven: 0n, pending: 32n });
    expect(await chain.rollup.read.isEpochPruned([0n])).to.equal(false);

    await networkHelpers.time.setNextBlockTimestamp(deadline);
    await viem.assertions.emitWithArgs(chain.rollup.write.prune(), chain.rollup, "Pruned", [0n, 0n, 32n]);
    expect(await tips(chain)).to.deep.equal({ proven: 0n, pending: 0n });
    expect(await chain.rollup.read.isEpochPruned([0n])).to.equal(true);
    expect(await chain.rollup.read.canPruneAtTime([deadline + 1000n])).to.equal(false);
  });

  it("refuses to prune when nothing is unproven", async () => {
    const chain = await networkHelpers.loadFixture(epochProposedFixture);
    const proof = await nextProof(chain, chain.epochStart(1n));
    await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(1n));
    await chain.rollup.write.submitEpochRootProof([1n, 32n, proof.publicInputs, proof.blobProof, "0x"]);
    await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(5n));
    await viem.assertions.revertWithCustomErrorWithArgs(
      chain.rollup.write.prune(),
      chain.rollup,
      "Prune__NothingToPrune",
      [32n, 32n],
    );
    expect(await tips(chain)).to.deep.equal({ proven: 32n, pending: 32n });
  });

  it("builds the next proposal on the proven tip after a prune, and proves it", async () => {
    const chain = await networkHelpers.loadFixture(epochProposedFixture);
    const proof = await nextProof(chain, chain.epochStart(1n));
    await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(1n));
    await chain.rollup.write.submitEpochRootProof([1n, 32n, proof.publicInputs, proof.blobProof, "0x"]);
    // Epoch 1 gets three blocks that nobody proves; epoch 3 prunes them.
    await chain.proposeMany(EPOCH + 1n, 3);
    expect(await tips(chain)).to.deep.equal({ proven: 32n, pending: 35n });
    const deadline = await chain.rollup.read.proofDeadline([1n]);
    await networkHelpers.time.setNextBlockTimestamp(deadline);
    await chain.rollup.write.prune();
    expect(await chain.rollup.read.isEpochPruned([1n])).to.equal(true);
    expect(await tips(chain)).to.deep.equal({ proven: 32n, pending: 32n });

    // The next block is 33 again, on the proven tip, in epoch 3; a proof of epoch 3 proves blocks 33–34.
    const firstSlot = 3n * EPOCH + 1n;
    expect(await chain.propose(firstSlot)).to.equal(33n);
    expect(await chain.propose(firstSlot + 1n)).to.equal(34n);
    const again = await nextProof(chain, chain.epochStart(4n));
    expect([again.epoch, again.startBlock, again.endBlock]).to.deep.equal([3n, 33n, 34n]);
    expect(again.publicInputs.previousArchive).to.equal(chain.blocks.get(32n)!.archive);
    await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(4n));
    await chain.rollup.write.submitEpochRootProof([33n, 34n, again.publicInputs, again.blobProof, "0x"]);
    expect(await tips(chain)).to.deep.equal({ proven: 34n, pending: 34n });
  });
});

describe("Rollup.claimRewards", () => {
  async function provenFixture() {
    const chain = await epochProposedFixture();
    const proof = await nextProof(chain, chain.epochStart(1n));
    await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(1n));
    await chain.rollup.write.submitEpochRootProof([1n, 32n, proof.publicInputs, proof.blobProof, "0x"]);
    await chain.proposeMany(EPOCH + 1n, 2); // blocks 33, 34: unproven
    return chain;
  }

  it("pays the prover its credit and a sequencer its proven blocks, once", async () => {
    const chain = await networkHelpers.loadFixture(provenFixture);
    const asProver = { account: chain.prover.account };
    await chain.rollup.write.claimRewards([[]], asProver);
    expect(await chain.rewardAsset.read.balanceOf([chain.prover.account.address])).to.equal(PROVER_REWARD);
    expect(await chain.rollup.read.getProverCredit([chain.prover.account.address])).to.equal(0n);

    // sequencerA is the coinbase of the even blocks.
    const asA = { account: chain.sequencerA.account };
    const evens = [2n, 4n, 6n];
    await viem.assertions.emitWithArgs(chain.rollup.write.claimRewards([evens], asA), chain.rollup, "RewardsClaimed", [
      chain.sequencerA.account.address,
      3n * BLOCK_REWARD,
    ]);
    expect(await chain.rewardAsset.read.balanceOf([chain.sequencerA.account.address])).to.equal(3n * BLOCK_REWARD);
    await viem.assertions.revertWithCustomErrorWithArgs(
      chain.rollup.write.claimRewards([[4n]], asA),
      chain.rollup,
      "Reward__AlreadyClaimed",
      [4n],
    );
  });

  it("refuses unproven blocks, other coinbases and empty claims, paying nothing", async () => {
    const chain = await networkHelpers.loadFixture(provenFixture);
    const asA = { account: chain.sequencerA.account };
    await viem.assertions.revertWithCustomErrorWithArgs(
      chain.rollup.write.claimRewards([[2n, 34n]], asA),
      chain.rollup,
      "Reward__BlockNotProven",
      [32n, 34n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      chain.rollup.write.claimRewards([[3n]], asA),
      chain.rollup,
      "Reward__NotCoinbase",
      [3n, chain.sequencerB.account.address, chain.sequencerA.account.address],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      chain.rollup.write.claimRewards([[]], { account: chain.stranger.account }),
      chain.rollup,
      "Reward__NothingToClaim",
      [chain.stranger.account.address],
    );
    expect(await chain.rewardAsset.read.balanceOf([chain.sequencerA.account.address])).to.equal(0n);
    expect(await chain.rollup.read.isBlockRewardClaimed([2n])).to.equal(false);
  });

  it("keeps credits when the pool cannot pay", async () => {
    const chain = await networkHelpers.loadFixture(provenFixture);
    await chain.pool.write.setRollupAuthorized([chain.rollup.address, false]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      chain.rollup.write.claimRewards([[]], { account: chain.prover.account }),
      chain.pool,
      "RewardPool__Unauthorized",
      [chain.rollup.address],
    );
    expect(await chain.rollup.read.getProverCredit([chain.prover.account.address])).to.equal(PROVER_REWARD);
  });
});

describe("ProverClient", () => {
  function proverFor(chain: Chain) {
    const clock = { genesisTime: chain.genesisTime, slotDuration: SLOT, epochDuration: EPOCH };
    return createProverClient({
      publicClient: chain.publicClient,
      walletClient: chain.prover,
      rollup: chain.rollup.address,
      clock,
      reader: {
        tips: () => tips(chain),
        archiveOf: (n) => chain.archiveOf(n),
        blocks: (from, to) =>
          blocksFromEvents({ publicClient: chain.publicClient, rollup: chain.rollup.address, clock, from, to }),
      },
      blobOf: (vh) => chain.blobStore.get(vh)!,
      kzg: chain.kzg,
    });
  }

  it("waits for the epoch to end, proves it from the chain's events, then idles", async () => {
    const chain = await networkHelpers.loadFixture(epochProposedFixture);
    const prover = proverFor(chain);
    expect(await prover.tick()).to.deep.equal({ status: "waiting", epoch: 0n });
    await networkHelpers.time.increaseTo(chain.epochStart(1n));
    const done = await prover.tick();
    expect(done).to.include({ status: "proven", epoch: 0n, startBlock: 1n, endBlock: 32n });
    expect(await tips(chain)).to.deep.equal({ proven: 32n, pending: 32n });
    expect(await prover.tick()).to.deep.equal({ status: "idle" });
  });

  it("reports an epoch whose window has passed as missed, and does not submit", async () => {
    const chain = await networkHelpers.loadFixture(epochProposedFixture);
    await networkHelpers.time.increaseTo(chain.epochStart(2n));
    expect(await proverFor(chain).tick()).to.deep.equal({
      status: "missed",
      epoch: 0n,
      deadline: chain.epochStart(2n),
    });
    expect(await tips(chain)).to.deep.equal({ proven: 0n, pending: 32n });
  });
});
