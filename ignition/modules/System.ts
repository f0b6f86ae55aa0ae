import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import StakingModule from "./Staking.js";
import { addGovernance } from "./Governance.js";
import { addRollupParts } from "./rollupParts.js";
import { addSlashing } from "./Slashing.js";

/**
 * The whole L1 system for a phase: staking asset, Registry and StakingEscrow (Staking module), the Rollup
 * (registered in the Registry, which makes it canonical, and in the escrow), and governance (timelock, Governor,
 * GovernanceProposer), and slashing (SlashPayloadFactory, Slasher, SlashingProposer: `addSlashing`, Slashing.ts),
 * the Slasher set as the Rollup's slasher while the deployer still owns the Rollup. At the end the timelock owns the staking token (mint, faucet settings), the Registry, the
 * escrow's admin functions and the Rollup, the guardian is whoever the parameters name (none by default), and the
 * deployer holds no role (audit F-7). The token's genesis allocation (`genesisAllocation`, default 10,000 tokens, minted to
 * `genesisHolder`, default the deployer) is minted before the token is handed over: it is how the first
 * validators are funded; everyone else draws from the rate-limited faucet.
 *
 * Parameters (module `System`): the Rollup's, Inbox's and proofs' of `addRollupParts` (rollupParts.ts; `verifier`
 * is required), and the
 * governance parameters of `addGovernance` (guardian, timelockDelay, votingDelay, votingPeriod, quorumNumerator,
 * gracePeriod, quorumSize, roundSize, lifetimeInRounds), and the slashing parameters of `addSlashing` (slashVetoer,
 * slashSink, slashRoundSize, slashQuorumSize, slashLifetimeInRounds, slashExecutionDelayInRounds,
 * slashMaxPauseDuration, slashEquivocationAmount). The token and staking parameters are the StakingAsset
 * and Staking modules' (their `owner` must stay the deployer, the default, so this module can wire them).
 */
/** 10,000 tokens: 100 stakes at the default minimum stake. */
export const DEFAULT_GENESIS_ALLOCATION = 10_000n * 10n ** 18n;

export default buildModule("System", (m) => {
  const deployer = m.getAccount(0);
  const { stakingAsset, registry, stakingEscrow } = m.useModule(StakingModule);
  const { timelock, governance, governanceProposer } = addGovernance(m, registry, stakingEscrow);

  const { rollup, inbox, outbox } = addRollupParts(m, stakingEscrow, timelock, deployer);
  const registered = m.call(registry, "addRollup", [rollup]);
  const added = m.call(stakingEscrow, "addRollup", [rollup], { after: [registered] });
  const { slashPayloadFactory, slasher, slashingProposer, named } = addSlashing(m, {
    registry,
    rollup,
    owner: timelock,
    after: [registered],
  });
  const slasherSet = m.call(rollup, "setSlasher", [slasher], { after: [named] });
  m.call(rollup, "transferOwnership", [timelock], { after: [slasherSet] });
  m.call(registry, "transferOwnership", [timelock], { after: [added] });
  m.call(stakingEscrow, "transferOwnership", [timelock], { after: [added] });
  const genesis = m.call(stakingAsset, "mint", [
    m.getParameter("genesisHolder", deployer),
    m.getParameter("genesisAllocation", DEFAULT_GENESIS_ALLOCATION),
  ]);
  m.call(stakingAsset, "transferOwnership", [timelock], { after: [genesis] });

  return {
    stakingAsset,
    registry,
    stakingEscrow,
    rollup,
    inbox,
    outbox,
    timelock,
    governance,
    governanceProposer,
    slashPayloadFactory,
    slasher,
    slashingProposer,
  };
});
