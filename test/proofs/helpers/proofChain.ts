import { parseEventLogs, type Address, type Hex, zeroAddress } from "viem";
import type { Connection } from "../../helpers/rollupSystem.js";
import { RollupSystem } from "../../../src/system/RollupSystem.js";
import { deployTestRollup, deployTestStaking } from "../../../src/system/deployTestNetwork.js";
import { GENESIS_ARCHIVE } from "../../../src/system/rollupDefaults.js";
import { buildBlock } from "../../../src/sequencer/buildBlock.js";
import { randomTxPayloads } from "../../../src/sequencer/randomTxPayloads.js";
import { loadCKzg } from "../../../src/prover/loadCKzg.js";
import { emptyInboxRoot } from "../../../src/messaging/inboxTrees.js";
import type { ProvableBlock } from "../../../src/prover/buildEpochProof.js";

export type { Connection };
export { GENESIS_ARCHIVE };

export const SLOT = 36n;
export const EPOCH = 32n;
export const INBOX_HEIGHT = 4;
export const BLOCK_REWARD = 10n ** 18n;
export const PROVER_REWARD = 5n * 10n ** 18n;

/**
 * Deploys the real Rollup in bootstrap mode (no validators: the committee is empty and anyone proposes, since a
 * committee is not the point of these tests) with an Inbox, an Outbox, a test verifier and a funded reward pool.
 * Genesis lies ahead, so slot 0 and epoch 0 are usable. Returns helpers that propose blocks as real EIP-4844
 * transactions (one blob each) and record what a prover needs.
 */
export async function deployProofChain(connection: Connection) {
  const { viem, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const [deployer, prover, sequencerA, sequencerB, stranger] = await viem.getWalletClients();
  const kzg = loadCKzg();

  const latest = await publicClient.getBlock();
  const genesisTime = ((latest.timestamp + 1000n) / SLOT) * SLOT;
  const rewardAsset = await viem.deployContract("TestStakingAsset", [
    "Test Reward Asset",
    "TRA",
    deployer.account.address,
    10n ** 18n,
    86_400n,
  ]);
  const pool = await viem.deployContract("RewardPool", [rewardAsset.address, deployer.account.address]);
  const inbox = await viem.deployContract("Inbox", [BigInt(INBOX_HEIGHT), 8n, 1n, 0n, zeroAddress]);
  // The builder's network (src/system/deployTestNetwork.ts), with the genesis ahead.
  const owner = deployer.account.address;
  const { token, registry, escrow } = await deployTestStaking(connection, owner);
  const deployed = await deployTestRollup(connection, {
    escrow: escrow.address,
    owner,
    genesisTime,
    slotDuration: Number(SLOT),
    epochDuration: Number(EPOCH),
    bootstrap: true,
    proofs: { rewardPool: pool.address, blockReward: BLOCK_REWARD, proverReward: PROVER_REWARD },
    inbox: inbox.address,
  });
  await registry.write.addRollup([deployed.rollup.address]);
  await escrow.write.addRollup([deployed.rollup.address]);
  const system = new RollupSystem(connection, { ...deployed, escrow, token, registry });
  const { rollup, verifier } = system;
  const outbox = await viem.deployContract("Outbox", [rollup.address]);
  await inbox.write.bindRollup([rollup.address]);
  await pool.write.setRollupAuthorized([rollup.address, true]);
  await rewardAsset.write.mint([pool.address, 1000n * 10n ** 18n]);

  const blocks = new Map<bigint, ProvableBlock & { coinbase: Address; outHash: Hex }>();
  const slotStart = (slot: bigint) => genesisTime + slot * SLOT;
  const epochStart = (epoch: bigint) => slotStart(epoch * EPOCH);

  /**
   * Proposes the next block in `slot` with one blob of fresh data; the coinbase alternates between sequencer B
   * (odd blocks) and sequencer A (even blocks) unless given. Rejects with the Rollup's error if it reverts.
   */
  async function propose(slot: bigint, opts: { coinbase?: Address; inHash?: Hex; outHash?: Hex } = {}) {
    const [tip] = await rollup.read.getPendingTip();
    const blockNumber = tip + 1n;
    const coinbase = opts.coinbase ?? (blockNumber % 2n === 0n ? sequencerA : sequencerB).account.address;
    await system.atSlot(slot);
    // The committee is empty (bootstrap, no validators), so the proposal carries no signatures and its block can
    // be built here with the coinbase this chain wants.
    const proposal = await system.prepare(slot);
    const block = buildBlock({
      parent: { blockNumber: tip, archive: proposal.block.header.lastArchive },
      slot,
      timestamp: proposal.block.header.timestamp,
      coinbase,
      txs: randomTxPayloads({ txCount: 1, txSize: 128 }),
      inHash: opts.inHash ?? emptyInboxRoot(INBOX_HEIGHT),
      outHash: opts.outHash,
    });
    if (proposal.committee.committee.length !== 0) throw new Error("proofChain: expected an empty committee");
    const hash = await system.send({ ...proposal, block });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`propose of block ${blockNumber}: expected success, reverted`);
    const { header } = block;
    const { versionedHashes, blobs } = block.blobs;
    blobs.forEach((b, i) => system.blobs.set(versionedHashes[i], b));
    const [proposed] = parseEventLogs({ abi: rollup.abi, eventName: "L2BlockProposed", logs: receipt.logs });
    blocks.set(blockNumber, {
      blockNumber,
      archive: header.archive,
      headerHash: proposed.args.headerHash,
      slot,
      versionedHashes: [...versionedHashes],
      coinbase,
      outHash: header.outHash,
    });
    return blockNumber;
  }

  /** Proposes one block per slot in `[fromSlot, fromSlot + count)`. */
  async function proposeMany(fromSlot: bigint, count: number) {
    for (let i = 0n; i < BigInt(count); i++) await propose(fromSlot + i);
  }

  /** The stored archive of block `blockNumber` (at most the pending tip). */
  async function archiveOf(blockNumber: bigint): Promise<Hex> {
    return (await rollup.read.getBlock([blockNumber])).archive;
  }

  /** Both tips, as `{ proven, pending }`. */
  async function tips() {
    const t = await rollup.read.getTips();
    return { proven: t.provenBlockNumber, pending: t.pendingBlockNumber };
  }

  return {
    viem,
    networkHelpers,
    publicClient,
    system,
    deployer,
    prover,
    sequencerA,
    sequencerB,
    stranger,
    kzg,
    rewardAsset,
    pool,
    verifier,
    inbox,
    outbox,
    rollup,
    genesisTime,
    blobStore: system.blobs,
    blocks,
    slotStart,
    epochStart,
    propose,
    proposeMany,
    archiveOf,
    tips,
  };
}
