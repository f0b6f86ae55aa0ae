import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import type { Address } from "viem";

/** The staking contracts `stakeFollowers` uses (a test asset whose owner may mint). */
export type StakingContracts = {
  stakingAsset: ContractReturnType<"TestStakingAsset">;
  stakingEscrow: ContractReturnType<"StakingEscrow">;
};

/**
 * Test and benchmark networks: funds the minimum stake of every attester from `operator`'s balance (a System
 * deployment's genesis allocation), minting only the shortfall (which needs `operator` to own the asset, as in a
 * Staking-only deployment), approves it and stakes them all, withdrawable by `operator`, as followers of the canonical rollup in one
 * `addValidators` transaction.
 */
export async function stakeFollowers(
  { stakingAsset, stakingEscrow }: StakingContracts,
  operator: Address,
  attesters: readonly Address[],
): Promise<void> {
  const total = (await stakingEscrow.read.minimumStake()) * BigInt(attesters.length);
  const balance = await stakingAsset.read.balanceOf([operator]);
  if (balance < total) await stakingAsset.write.mint([operator, total - balance]);
  await stakingAsset.write.approve([stakingEscrow.address, total]);
  await stakingEscrow.write.addValidators([
    attesters.map((attester) => ({ attester, withdrawer: operator, followCanonical: true })),
  ]);
}
