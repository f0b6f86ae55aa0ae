import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import type { Address } from "viem";

/** The staking contracts `stakeFollowers` uses (a test asset whose owner may mint). */
export type StakingContracts = {
  stakingAsset: ContractReturnType<"TestStakingAsset">;
  stakingEscrow: ContractReturnType<"StakingEscrow">;
};

/**
 * Test and benchmark networks: mints the minimum stake of every attester to `operator` (the asset's owner),
 * approves it and stakes them all, withdrawable by `operator`, as followers of the canonical rollup in one
 * `addValidators` transaction.
 */
export async function stakeFollowers(
  { stakingAsset, stakingEscrow }: StakingContracts,
  operator: Address,
  attesters: readonly Address[],
): Promise<void> {
  const total = (await stakingEscrow.read.minimumStake()) * BigInt(attesters.length);
  await stakingAsset.write.mint([operator, total]);
  await stakingAsset.write.approve([stakingEscrow.address, total]);
  await stakingEscrow.write.addValidators([
    attesters.map((attester) => ({ attester, withdrawer: operator, followCanonical: true })),
  ]);
}
