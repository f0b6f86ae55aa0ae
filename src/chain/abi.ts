import { createRequire } from "node:module";
import type { ArtifactMap } from "hardhat/types/artifacts";

/**
 * The contracts' ABIs, read from the compiled Hardhat artifacts (`npx hardhat build`) and typed by the
 * artifacts' generated declarations, so the off-chain side always speaks the ABI the contracts compile to:
 * the one source of ABIs in `src/` (no hand-written fragments).
 */
const require = createRequire(import.meta.url);

/** Fully qualified names (`source:Contract`) of the artifacts `src/` talks to. */
type QualifiedName = Extract<keyof ArtifactMap, `contracts/${string}:${string}`>;

/** The ABI of `source:Contract` from `artifacts/<source>/<Contract>.json`. */
function abiOf<Name extends QualifiedName>(name: Name): ArtifactMap[Name]["abi"] {
  const [source, contract] = name.split(":");
  return (require(`../../artifacts/${source}/${contract}.json`) as ArtifactMap[Name]).abi;
}

export const rollupAbi = abiOf("contracts/core/Rollup.sol:Rollup");
export const inboxAbi = abiOf("contracts/core/messagebridge/Inbox.sol:Inbox");
export const outboxAbi = abiOf("contracts/core/messagebridge/Outbox.sol:Outbox");
export const governanceAbi = abiOf("contracts/governance/Governance.sol:Governance");
export const governanceProposerAbi = abiOf("contracts/governance/GovernanceProposer.sol:GovernanceProposer");
export const stakingEscrowAbi = abiOf("contracts/staking/StakingEscrow.sol:StakingEscrow");
export const testStakingAssetAbi = abiOf("contracts/staking/TestStakingAsset.sol:TestStakingAsset");
export const slasherAbi = abiOf("contracts/slashing/Slasher.sol:Slasher");
export const slashingProposerAbi = abiOf("contracts/slashing/SlashingProposer.sol:SlashingProposer");
export const slashPayloadFactoryAbi = abiOf("contracts/slashing/SlashPayloadFactory.sol:SlashPayloadFactory");
