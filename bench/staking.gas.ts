import type { NetworkConnection } from "hardhat/types/network";
import { TransactionRevertedError } from "../src/errors/BaseError.js";
import { deployTestRollup, deployTestStaking } from "../src/system/deployTestNetwork.js";
import { STAKING_DEFAULTS } from "../src/system/rollupDefaults.js";
import { addValidators } from "../src/validators/addValidators.js";
import { consentedEntries, signStakeConsent } from "../src/validators/stakeConsent.js";
import { validatorAccount } from "../src/system/validatorKeys.js";
import type { GasFigures } from "./gasReport.js";
import { printGasTrace, traceGas } from "./gasTrace.js";

const STAKE = STAKING_DEFAULTS.minimumStake;

/**
 * `deposit` (SPEC section 13): gas used by one `Rollup.deposit → StakingEscrow.deposit` transaction of a fresh
 * attester (staked by a payer, with its signed consent) that follows the canonical rollup, into a set that already holds 48 validators, with the payer's
 * approval given in an earlier transaction and the previous change in an earlier block (the common case:
 * new checkpoints for the set size and the voting supply). The deposit goes through the real Rollup.
 */
export default async function stakingGas(connection: NetworkConnection): Promise<GasFigures> {
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const [operator, payer] = await viem.getWalletClients();
  const owner = operator.account.address;

  const { token: asset, registry, escrow } = await deployTestStaking(connection, owner, STAKING_DEFAULTS);
  const { rollup } = await deployTestRollup(connection, { escrow: escrow.address, owner, targetCommitteeSize: 48n });
  await registry.write.addRollup([rollup.address]);
  await escrow.write.addRollup([rollup.address]);

  const existing = Array.from({ length: 48 }, (_, i) => validatorAccount(i));
  await addValidators({
    publicClient,
    walletClient: operator,
    escrow: escrow.address,
    asset: asset.address,
    validators: await consentedEntries({ publicClient, escrow: escrow.address, signers: existing, withdrawer: owner }),
    mint: true,
  });

  await asset.write.mint([payer.account.address, STAKE]);
  await asset.write.approve([escrow.address, STAKE], { account: payer.account });
  // A fresh attester staked by a payer: its consent signature is checked on chain (audit F-4).
  const attester = validatorAccount(48);
  const signature = await signStakeConsent(attester, {
    chainId: await publicClient.getChainId(),
    escrow: escrow.address,
    withdrawer: payer.account.address,
    rollup: rollup.address,
    followCanonical: true,
  });
  const hash = await rollup.write.deposit([attester.address, payer.account.address, true, signature], {
    account: payer.account,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new TransactionRevertedError("deposit", hash);
  // `GAS_TRACE=1 BENCH_FILTER=staking npm run bench:gas` prints where the deposit's gas goes.
  if (process.env.GAS_TRACE) printGasTrace("deposit", await traceGas(connection, hash, Number(receipt.gasUsed)));
  return { deposit: Number(receipt.gasUsed) };
}
