import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ArgumentType, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { keccak256, toHex, zeroAddress, zeroHash } from "viem";

const PROPOSER_ROLE = keccak256(toHex("PROPOSER_ROLE"));
const EXECUTOR_ROLE = keccak256(toHex("EXECUTOR_ROLE"));
const CANCELLER_ROLE = keccak256(toHex("CANCELLER_ROLE"));

/**
 * Adds the governance stack to a module: TimelockController (its own admin once set up), Governance (OpenZeppelin
 * Governor over the escrow's voting units) and GovernanceProposer (signalling on the Registry's canonical rollup).
 * The Governor is the timelock's only proposer, canceller and executor; the deployer's admin role is renounced
 * last. Handing the Registry and escrow to the timelock is the caller's job (they belong to other modules).
 * Parameters (module `Governance`): guardian (default none), timelockDelay, votingDelay, votingPeriod, quorumNumerator,
 * gracePeriod (seconds / percent), quorumSize (N), roundSize (M), lifetimeInRounds.
 */
export function addGovernance(m: IgnitionModuleBuilder, registry: ArgumentType, escrow: ArgumentType) {
  const deployer = m.getAccount(0);
  const timelock = m.contract("GovernanceTimelock", [m.getParameter("timelockDelay", 2n * 86_400n), [], [], deployer]);
  const governance = m.contract("Governance", [
    escrow,
    timelock,
    m.getParameter("guardian", zeroAddress), // none unless named: the deployer keeps no power (audit F-7)
    m.getParameter("votingDelay", 3_600n),
    m.getParameter("votingPeriod", 86_400n),
    m.getParameter("quorumNumerator", 20n),
    m.getParameter("gracePeriod", 7n * 86_400n),
  ]);
  const governanceProposer = m.contract("GovernanceProposer", [
    registry,
    governance,
    m.getParameter("quorumSize", 51n),
    m.getParameter("roundSize", 100n),
    m.getParameter("lifetimeInRounds", 5n),
  ]);
  m.call(governance, "initializeGovernanceProposer", [governanceProposer]);
  const grants = [PROPOSER_ROLE, EXECUTOR_ROLE, CANCELLER_ROLE].map((role, i) =>
    m.call(timelock, "grantRole", [role, governance], { id: `grantRole_${i}` }),
  );
  m.call(timelock, "renounceRole", [zeroHash, deployer], { after: grants });
  return { timelock, governance, governanceProposer };
}

/** Governance for an existing Registry and StakingEscrow (parameters `registry`, `escrow`). */
export default buildModule("Governance", (m) => {
  return addGovernance(m, m.getParameter<string>("registry"), m.getParameter<string>("escrow"));
});
