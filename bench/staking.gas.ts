import type { NetworkConnection } from "hardhat/types/network";
import { getAddress, numberToHex } from "viem";
import { TransactionRevertedError } from "../src/errors/BaseError.js";
import { deployTestRollup, deployTestStaking } from "../src/system/deployTestNetwork.js";
import { STAKING_DEFAULTS } from "../src/system/rollupDefaults.js";
import { addValidators } from "../src/validators/addValidators.js";
import { followerEntries } from "../src/validators/followerEntries.js";
import type { GasFigures } from "./gasReport.js";

const STAKE = STAKING_DEFAULTS.minimumStake;

/**
 * `deposit` (SPEC section 13): gas used by one `Rollup.deposit → StakingEscrow.deposit` transaction of a fresh
 * attester that follows the canonical rollup, into a set that already holds 48 validators, with the payer's
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

  const existing = Array.from({ length: 48 }, (_, i) => getAddress(numberToHex(0xbe7c400n + BigInt(i), { size: 20 })));
  await addValidators({
    publicClient,
    walletClient: operator,
    escrow: escrow.address,
    asset: asset.address,
    validators: followerEntries(existing, owner),
    mint: true,
  });

  await asset.write.mint([payer.account.address, STAKE]);
  await asset.write.approve([escrow.address, STAKE], { account: payer.account });
  const attester = getAddress(numberToHex(0xbe7c4ffn, { size: 20 }));
  const hash = await rollup.write.deposit([attester, payer.account.address, true], { account: payer.account });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new TransactionRevertedError("deposit", hash);
  return { deposit: Number(receipt.gasUsed) };
}
