import type { NetworkConnection } from "hardhat/types/network";
import { getAddress, keccak256, numberToHex, toHex } from "viem";
import type { GasFigures } from "./gasReport.js";

const STAKE = 100n * 10n ** 18n;

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

  const asset = await viem.deployContract("TestStakingAsset", ["Staking", "STK", owner, STAKE, 0n]);
  const registry = await viem.deployContract("Registry", [owner]);
  const escrow = await viem.deployContract("StakingEscrow", [
    asset.address,
    registry.address,
    owner,
    STAKE,
    STAKE / 2n,
    4n * 86_400n,
  ]);
  const rollup = await viem.deployContract("Rollup", [
    {
      escrow: escrow.address,
      genesisTime: 0n,
      slotDuration: 36,
      epochDuration: 32,
      targetCommitteeSize: 48n,
      bootstrap: false,
      genesisArchive: keccak256(toHex("sp-testnet genesis")),
      slasher: owner,
      owner,
    },
  ]);
  await registry.write.addRollup([rollup.address]);
  await escrow.write.addRollup([rollup.address]);

  const existing = Array.from({ length: 48 }, (_, i) => ({
    attester: getAddress(numberToHex(0xbe7c400n + BigInt(i), { size: 20 })),
    withdrawer: owner,
    followCanonical: true,
  }));
  await asset.write.mint([owner, STAKE * 48n]);
  await asset.write.approve([escrow.address, STAKE * 48n]);
  await escrow.write.addValidators([existing]);

  await asset.write.mint([payer.account.address, STAKE]);
  await asset.write.approve([escrow.address, STAKE], { account: payer.account });
  const attester = getAddress(numberToHex(0xbe7c4ffn, { size: 20 }));
  const hash = await rollup.write.deposit([attester, payer.account.address, true], { account: payer.account });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`deposit reverted (tx ${hash})`);
  return { deposit: Number(receipt.gasUsed) };
}
