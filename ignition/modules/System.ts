import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, toHex } from "viem";
import StakingModule from "./Staking.js";
import { addGovernance } from "./Governance.js";

/**
 * The whole L1 system for a phase: staking asset, Registry and StakingEscrow (Staking module), the Rollup
 * (registered in the Registry, which makes it canonical, and in the escrow), and governance (timelock, Governor,
 * GovernanceProposer). At the end the timelock owns the Registry, the escrow's admin functions and the Rollup,
 * and the deployer holds no role.
 *
 * Parameters (module `System`): genesisTime (0 = deployment block), slotDuration, epochDuration,
 * targetCommitteeSize, bootstrap, genesisArchive, slasher (default: the deployer until slashing lands), and the
 * governance parameters of `addGovernance` (guardian, timelockDelay, votingDelay, votingPeriod, quorumNumerator,
 * gracePeriod, quorumSize, roundSize, lifetimeInRounds). The token and staking parameters are the StakingAsset
 * and Staking modules' (their `owner` must stay the deployer, the default, so this module can wire them).
 * The verifier joins when the proofs work lands (the Rollup takes none yet).
 */
export default buildModule("System", (m) => {
  const deployer = m.getAccount(0);
  const { stakingAsset, registry, stakingEscrow } = m.useModule(StakingModule);
  const { timelock, governance, governanceProposer } = addGovernance(m, registry, stakingEscrow);

  const rollup = m.contract("Rollup", [
    {
      escrow: stakingEscrow,
      genesisTime: m.getParameter("genesisTime", 0n),
      slotDuration: m.getParameter("slotDuration", 36n),
      epochDuration: m.getParameter("epochDuration", 32n),
      targetCommitteeSize: m.getParameter("targetCommitteeSize", 16n),
      bootstrap: m.getParameter("bootstrap", false),
      genesisArchive: m.getParameter("genesisArchive", keccak256(toHex("sp-testnet genesis"))),
      slasher: m.getParameter("slasher", deployer),
      owner: timelock,
    },
  ]);
  const registered = m.call(registry, "addRollup", [rollup]);
  const added = m.call(stakingEscrow, "addRollup", [rollup], { after: [registered] });
  m.call(registry, "transferOwnership", [timelock], { after: [added] });
  m.call(stakingEscrow, "transferOwnership", [timelock], { after: [added] });

  return { stakingAsset, registry, stakingEscrow, rollup, timelock, governance, governanceProposer };
});
