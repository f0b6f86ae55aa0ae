/**
 * Gas of epoch proofs (SPEC section 13) on the full Rollup in bootstrap mode:
 * `submitEpochRootProof.blocks32` — 32 blocks, one blob each, test verifier, built and sent by the prover
 * client — and `claimRewards.blocks16` — a coinbase claiming 16 proven blocks from the reward pool.
 */
import type { GasFigures } from "./gasReport.js";
import type { NetworkConnection } from "hardhat/types/network";
import { ChainDataError } from "../src/errors/BaseError.js";
import { RollupSystemBuilder } from "../src/system/RollupSystemBuilder.js";

export default async function proofsGas(connection: NetworkConnection<string>): Promise<GasFigures> {
  const { viem, networkHelpers } = connection;
  const [deployer, prover] = await viem.getWalletClients();
  const publicClient = await viem.getPublicClient();
  const asset = await viem.deployContract("TestStakingAsset", ["Reward", "RWD", deployer.account.address, 1n, 1n]);
  const pool = await viem.deployContract("RewardPool", [asset.address, deployer.account.address]);
  const system = await new RollupSystemBuilder(connection)
    .withBootstrap()
    .withProofs({ rewardPool: pool.address, blockReward: 10n ** 18n, proverReward: 5n * 10n ** 18n })
    .build();
  await pool.write.setRollupAuthorized([system.rollup.address, true]);
  await asset.write.mint([pool.address, 1000n * 10n ** 18n]);

  for (let slot = 32n; slot < 64n; slot++) await system.proposeAt(slot);
  await system.warpToEpoch(2n);
  const client = await system.proverClient(prover);
  const proven = await client.tick();
  if (proven.status !== "proven") {
    throw new ChainDataError("proofs bench: the epoch was not proven.", { expected: "proven", given: proven.status });
  }
  const proofReceipt = await publicClient.getTransactionReceipt({ hash: proven.txHash });

  // Bootstrap blocks name the sequencer's placeholder coinbase; claim as that address.
  const coinbase = (await system.rollup.read.getBlock([1n])).coinbase;
  await networkHelpers.impersonateAccount(coinbase);
  await networkHelpers.setBalance(coinbase, 10n ** 18n);
  const blocks = Array.from({ length: 16 }, (_, i) => BigInt(i + 1));
  const claimHash = await system.rollup.write.claimRewards([blocks], { account: coinbase });
  const claimReceipt = await publicClient.waitForTransactionReceipt({ hash: claimHash });
  return {
    submitEpochRootProof: { blocks32: Number(proofReceipt.gasUsed) },
    claimRewards: { blocks16: Number(claimReceipt.gasUsed) },
  };
}
