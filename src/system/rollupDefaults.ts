import { type Address, type ContractConstructorArgs, keccak256, toHex, zeroAddress } from "viem";
import type { rollupAbi } from "../chain/abi.js";

/**
 * The one default configuration of a Rollup and its escrow in TypeScript: the Ignition modules' parameter
 * defaults, the test systems and the benchmarks all start from these values (adding a config field touches
 * this file).
 */

/** What the Rollup's constructor takes (`RollupConfig` in IRollup.sol), typed from its ABI. */
export type RollupConstructorConfig = ContractConstructorArgs<typeof rollupAbi>[0];
/** Its `proofs` part (`ProofConfig`). */
export type ProofConstructorConfig = RollupConstructorConfig["proofs"];

/** The archive of block 0 of every sp-testnet chain. */
export const GENESIS_ARCHIVE = keccak256(toHex("sp-testnet genesis"));

/** Defaults of the Rollup's parameters: 36 s slots, 32-slot epochs, committees of 16, no rewards, no Inbox. */
export const ROLLUP_DEFAULTS = {
  /** 0: the deployment block's timestamp. */
  genesisTime: 0n,
  slotDuration: 36,
  epochDuration: 32,
  targetCommitteeSize: 16n,
  bootstrap: false,
  genesisArchive: GENESIS_ARCHIVE,
  /** No slasher unless one is named (audit F-7); the owner can set one. Test networks name their owner. */
  slasher: zeroAddress,
  proofs: { proofSubmissionEpochs: 1n, rewardPool: zeroAddress, blockReward: 0n, proverReward: 0n },
  inbox: zeroAddress,
} as const satisfies Partial<Omit<RollupConstructorConfig, "proofs">> & {
  proofs: Omit<ProofConstructorConfig, "verifier">;
};

/** Defaults of the Inbox's parameters (`inboxHeight`, `maxPendingTrees`, `rollupVersion`, `messageFee`). */
export const INBOX_DEFAULTS = {
  height: 5n,
  maxPendingTrees: 16n,
  rollupVersion: 1n,
  /** Wei per L1→L2 message: 512 messages (16 pending trees of 32) cost 0.05 ETH to fill, 32 per slot to keep full. */
  messageFee: 10n ** 14n,
} as const;

/** Defaults of the StakingEscrow's parameters (the Ignition Staking module's). */
export const STAKING_DEFAULTS = {
  minimumStake: 100n * 10n ** 18n,
  /** At most `minimumStake`. */
  ejectionThreshold: 50n * 10n ** 18n,
  /** Seconds: longer than the proof submission window plus the slashing window. */
  exitDelay: 4n * 86_400n,
} as const;

/** The escrow of test systems: the default stake, a higher ejection threshold and a week's exit delay. */
export const TEST_STAKING = {
  minimumStake: STAKING_DEFAULTS.minimumStake,
  ejectionThreshold: 60n * 10n ** 18n,
  exitDelay: 7n * 86_400n,
} as const;

export type RollupConfigParameters = Partial<Omit<RollupConstructorConfig, "proofs" | "slasher">> & {
  escrow: Address;
  owner: Address;
  verifier: Address;
  /** Default: the owner (test networks slash as their owner; deployments default to `ROLLUP_DEFAULTS.slasher`). */
  slasher?: Address;
  proofs?: Partial<Omit<ProofConstructorConfig, "verifier">>;
};

/** The Rollup's constructor argument: `ROLLUP_DEFAULTS` with the given addresses and overrides. */
export function rollupConfig({
  escrow,
  owner,
  verifier,
  slasher,
  proofs,
  ...overrides
}: RollupConfigParameters): RollupConstructorConfig {
  return {
    escrow,
    genesisTime: overrides.genesisTime ?? ROLLUP_DEFAULTS.genesisTime,
    slotDuration: overrides.slotDuration ?? ROLLUP_DEFAULTS.slotDuration,
    epochDuration: overrides.epochDuration ?? ROLLUP_DEFAULTS.epochDuration,
    targetCommitteeSize: overrides.targetCommitteeSize ?? ROLLUP_DEFAULTS.targetCommitteeSize,
    bootstrap: overrides.bootstrap ?? ROLLUP_DEFAULTS.bootstrap,
    genesisArchive: overrides.genesisArchive ?? ROLLUP_DEFAULTS.genesisArchive,
    slasher: slasher ?? owner,
    owner,
    proofs: { ...ROLLUP_DEFAULTS.proofs, ...proofs, verifier },
    inbox: overrides.inbox ?? ROLLUP_DEFAULTS.inbox,
  };
}
