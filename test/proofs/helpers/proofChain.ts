import type { network } from "hardhat";
import {
  parseEventLogs,
  type Address,
  type Hex,
  bytesToHex,
  commitmentToVersionedHash,
  concat,
  createWalletClient,
  custom,
  defineKzg,
  encodeFunctionData,
  keccak256,
  parseGwei,
  toBlobs,
  toHex,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { loadCKzg } from "../../../src/prover/loadCKzg.js";
import { emptyInboxRoot } from "../../../src/messaging/inboxTrees.js";
import type { ProvableBlock } from "../../../src/prover/buildEpochProof.js";

export type Connection = Awaited<ReturnType<typeof network.create>>;

export const SLOT = 36n;
export const EPOCH = 32n;
export const INBOX_HEIGHT = 4;
export const BLOCK_REWARD = 10n ** 18n;
export const PROVER_REWARD = 5n * 10n ** 18n;
export const GENESIS_ARCHIVE = keccak256(toHex("sp-testnet genesis"));

/**
 * Deploys the proof/messaging stack around `ProofRollupHarness` (a minimal chain that mirrors the Rollup's
 * chain state) and returns helpers that propose blocks as real EIP-4844 transactions, one blob each.
 */
export async function deployProofChain(connection: Connection) {
  const { viem, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const [deployer, prover, sequencerA, sequencerB, stranger] = await viem.getWalletClients();
  const kzg = loadCKzg();
  const viemKzg = defineKzg(kzg);
  // Hardhat's default accounts come from this mnemonic; blob transactions need a local signer.
  const local = mnemonicToAccount("test test test test test test test test test test test junk");
  const blobWallet = createWalletClient({
    account: local,
    chain: publicClient.chain,
    transport: custom(connection.provider),
  });

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
  const verifier = await viem.deployContract("TestVerifier", [deployer.account.address]);
  const inbox = await viem.deployContract("Inbox", [BigInt(INBOX_HEIGHT), 8n, 1n]);
  const rollup = await viem.deployContract("ProofRollupHarness", [
    { genesisTime, slotDuration: Number(SLOT), epochDuration: Number(EPOCH) },
    {
      verifier: verifier.address,
      proofSubmissionEpochs: 1n,
      rewardPool: pool.address,
      blockReward: BLOCK_REWARD,
      proverReward: PROVER_REWARD,
    },
    inbox.address,
    GENESIS_ARCHIVE,
  ]);
  const outbox = await viem.deployContract("Outbox", [rollup.address]);
  await inbox.write.bindRollup([rollup.address]);
  await pool.write.setRollupAuthorized([rollup.address, true]);
  await rewardAsset.write.mint([pool.address, 1000n * 10n ** 18n]);

  const blobStore = new Map<Hex, Hex>();
  const blocks = new Map<bigint, ProvableBlock & { coinbase: Address; outHash: Hex }>();
  const slotStart = (slot: bigint) => genesisTime + slot * SLOT;
  const epochStart = (epoch: bigint) => slotStart(epoch * EPOCH);

  /** Proposes the next block in `slot` with one blob of fresh data. */
  async function propose(
    slot: bigint,
    opts: { coinbase?: Address; inHash?: Hex; outHash?: Hex; archive?: Hex } = {},
  ): Promise<bigint> {
    const blockNumber = (await rollup.read.pendingTip()) + 1n;
    const data = toHex(`block ${blockNumber} in slot ${slot}`);
    const blobs = [...toBlobs({ data, to: "hex" })];
    const commitments = blobs.map((b) => bytesToHex(kzg.blobToKzgCommitment(Buffer.from(b.slice(2), "hex"))));
    const versionedHashes = commitments.map((commitment) => commitmentToVersionedHash({ commitment }));
    blobs.forEach((b, i) => blobStore.set(versionedHashes[i], b));
    const archive = opts.archive ?? keccak256(concat([toHex(blockNumber, { size: 32 }), toHex(slot, { size: 32 })]));
    const coinbase = opts.coinbase ?? (blockNumber % 2n === 0n ? sequencerA : sequencerB).account.address;
    const outHash = opts.outHash ?? `0x${"00".repeat(32)}`;
    await networkHelpers.time.setNextBlockTimestamp(slotStart(slot));
    const hash = await blobWallet.sendTransaction({
      to: rollup.address,
      data: encodeFunctionData({
        abi: rollup.abi,
        functionName: "propose",
        args: [archive, opts.inHash ?? emptyInboxRoot(INBOX_HEIGHT), outHash, coinbase, concat(commitments)],
      }),
      blobs,
      kzg: viemKzg,
      gas: 1_000_000n,
      maxFeePerBlobGas: parseGwei("30"),
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`propose of block ${blockNumber} reverted`);
    const [proposed] = parseEventLogs({ abi: rollup.abi, eventName: "L2BlockProposed", logs: receipt.logs });
    const headerHash = proposed.args.headerHash;
    blocks.set(blockNumber, { blockNumber, archive, headerHash, slot, versionedHashes, coinbase, outHash });
    return blockNumber;
  }

  /** Proposes one block per slot in `[fromSlot, fromSlot + count)`. */
  async function proposeMany(fromSlot: bigint, count: number) {
    for (let i = 0n; i < BigInt(count); i++) await propose(fromSlot + i);
  }

  return {
    viem,
    networkHelpers,
    publicClient,
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
    blobStore,
    blocks,
    slotStart,
    epochStart,
    propose,
    proposeMany,
  };
}
