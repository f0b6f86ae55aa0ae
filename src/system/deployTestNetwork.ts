import type { NetworkConnection } from "hardhat/types/network";
import type { Address } from "viem";
import { type RollupConfigParameters, TEST_STAKING, rollupConfig } from "./rollupDefaults.js";

/** The escrow's parameters (`TEST_STAKING`, `STAKING_DEFAULTS`, or others). */
export type StakingParameters = { minimumStake: bigint; ejectionThreshold: bigint; exitDelay: bigint };

/**
 * Deploys the staking side of a test network owned by `owner`: a TestStakingAsset (100-token faucet, daily),
 * a Registry and a StakingEscrow with `staking` (default `TEST_STAKING`). Rollups are added by the caller.
 */
export async function deployTestStaking(
  connection: NetworkConnection<string>,
  owner: Address,
  staking: StakingParameters = TEST_STAKING,
) {
  const { viem } = connection;
  const token = await viem.deployContract("TestStakingAsset", ["Staking Asset", "STK", owner, 10n ** 20n, 86_400n]);
  const registry = await viem.deployContract("Registry", [owner]);
  const escrow = await viem.deployContract("StakingEscrow", [
    token.address,
    registry.address,
    owner,
    staking.minimumStake,
    staking.ejectionThreshold,
    staking.exitDelay,
  ]);
  return { token, registry, escrow };
}

/**
 * Deploys a Rollup with the default configuration and `parameters`, proven through a fresh switchable
 * TestVerifier owned by `parameters.owner` (a test verifier accepts any proof: test networks only).
 */
export async function deployTestRollup(
  connection: NetworkConnection<string>,
  parameters: Omit<RollupConfigParameters, "verifier">,
) {
  const { viem } = connection;
  const verifier = await viem.deployContract("TestVerifier", [parameters.owner]);
  const rollup = await viem.deployContract("Rollup", [rollupConfig({ ...parameters, verifier: verifier.address })]);
  return { rollup, verifier };
}
