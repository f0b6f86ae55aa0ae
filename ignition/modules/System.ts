import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import StakingModule from "./Staking.js";
import { addGovernance } from "./Governance.js";
import { addRollupParts } from "./rollupParts.js";

/**
 * The whole L1 system for a phase: staking asset, Registry and StakingEscrow (Staking module), the Rollup
 * (registered in the Registry, which makes it canonical, and in the escrow), and governance (timelock, Governor,
 * GovernanceProposer). At the end the timelock owns the Registry, the escrow's admin functions and the Rollup,
 * and the deployer holds no role.
 *
 * Parameters (module `System`): the Rollup's, Inbox's and proofs' of `addRollupParts` (rollupParts.ts; `verifier`
 * is required), and the
 * governance parameters of `addGovernance` (guardian, timelockDelay, votingDelay, votingPeriod, quorumNumerator,
 * gracePeriod, quorumSize, roundSize, lifetimeInRounds). The token and staking parameters are the StakingAsset
 * and Staking modules' (their `owner` must stay the deployer, the default, so this module can wire them).
 */
export default buildModule("System", (m) => {
  const deployer = m.getAccount(0);
  const { stakingAsset, registry, stakingEscrow } = m.useModule(StakingModule);
  const { timelock, governance, governanceProposer } = addGovernance(m, registry, stakingEscrow);

  const { rollup, inbox, outbox } = addRollupParts(m, stakingEscrow, timelock);
  const registered = m.call(registry, "addRollup", [rollup]);
  const added = m.call(stakingEscrow, "addRollup", [rollup], { after: [registered] });
  m.call(registry, "transferOwnership", [timelock], { after: [added] });
  m.call(stakingEscrow, "transferOwnership", [timelock], { after: [added] });

  return { stakingAsset, registry, stakingEscrow, rollup, inbox, outbox, timelock, governance, governanceProposer };
});
