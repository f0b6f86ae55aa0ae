import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import type { NetworkConnection } from "hardhat/types/network";
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import SystemModule from "../../ignition/modules/System.js";
import { readIgnitionParameters, readParametersFile, withOverrides } from "../cli/readIgnitionParameters.js";
import { withLocalTestVerifier } from "../deploy/withTestVerifier.js";
import { validatorAccount } from "../system/validatorKeys.js";
import { addValidators } from "../validators/addValidators.js";
import { consentedEntries } from "../validators/stakeConsent.js";

/** The addresses of a deployed phase and the L1 block its deployment started at. */
export type DeployedPhase = {
  rollup: Address;
  inbox: Address;
  outbox: Address;
  registry: Address;
  stakingEscrow: Address;
  stakingAsset: Address;
  timelock: Address;
  governance: Address;
  governanceProposer: Address;
  slasher: Address;
  slashingProposer: Address;
  slashPayloadFactory: Address;
  startBlock: bigint;
  parameters: DeploymentParameters;
};

/**
 * Deploys the whole system for `phase` as an operator would (the System Ignition module with
 * `ignition/parameters/<phase>.json`, a TestVerifier on a local chain), with `overrides` (a JSON file of the same
 * shape) merged over the phase's parameters module by module.
 */
export async function deployPhase(
  connection: NetworkConnection<string>,
  phase: string,
  overrides: string | null,
  deploymentId: string | undefined,
): Promise<DeployedPhase> {
  const phaseParameters = await readIgnitionParameters(phase);
  const parameters =
    overrides === null ? phaseParameters : withOverrides(phaseParameters, await readParametersFile(overrides));
  const startBlock = (await (await connection.viem.getPublicClient()).getBlockNumber()) + 1n;
  const withVerifier = await withLocalTestVerifier(connection, parameters, deploymentId);
  const deployed = await connection.ignition.deploy(SystemModule, {
    parameters: withVerifier,
    displayUi: false,
    deploymentId,
  });
  const address = (name: keyof typeof deployed) => deployed[name].address as Address;
  return {
    rollup: address("rollup"),
    inbox: address("inbox"),
    outbox: address("outbox"),
    registry: address("registry"),
    stakingEscrow: address("stakingEscrow"),
    stakingAsset: address("stakingAsset"),
    timelock: address("timelock"),
    governance: address("governance"),
    governanceProposer: address("governanceProposer"),
    slasher: address("slasher"),
    slashingProposer: address("slashingProposer"),
    slashPayloadFactory: address("slashPayloadFactory"),
    startBlock,
    parameters: withVerifier,
  };
}

/** Every fourth validator is pinned to the Rollup it joined (it migrates at a hard fork); the rest follow. */
export const pinnedValidator = (index: number): boolean => index % 4 === 0;

/**
 * Onboards validators `0..count-1` (deterministic keys) through the production path: each signs its stake consent
 * and the genesis holder (the deployer, paid from the genesis allocation) stakes them in bulk.
 */
export async function onboardValidators(p: {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain, Account>;
  deployed: DeployedPhase;
  count: number;
  onBatch?: (added: number) => void;
  /** Validators pinned to the Rollup they join (they move at a hard fork only by `migrate`); others follow. */
  pinned?: (index: number) => boolean;
}): Promise<{ gasUsed: bigint; transactions: number }> {
  const signers = Array.from({ length: p.count }, (_, i) => validatorAccount(i));
  const result = await addValidators({
    publicClient: p.publicClient,
    walletClient: p.walletClient,
    escrow: p.deployed.stakingEscrow,
    asset: p.deployed.stakingAsset,
    validators: await consentedEntries({
      publicClient: p.publicClient,
      escrow: p.deployed.stakingEscrow,
      signers,
      withdrawer: p.walletClient.account.address,
      followCanonical: (i) => !(p.pinned?.(i) ?? false),
    }),
    batchSize: 100, // stays under the per-transaction gas cap
    onBatch: ({ added }) => p.onBatch?.(added),
  });
  return { gasUsed: result.gasUsed, transactions: result.transactions.length };
}
