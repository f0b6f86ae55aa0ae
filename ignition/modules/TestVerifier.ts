import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * TEST DEPLOYMENTS ONLY: the TestVerifier (contracts/mocks) accepts every proof until its owner switches it to
 * reject. With it an epoch proof binds only what the Rollup checks itself (docs/PROOFS.md).
 * Parameter: `owner` (default: the deployer).
 */
export default buildModule("TestVerifier", (m) => {
  const testVerifier = m.contract("TestVerifier", [m.getParameter("owner", m.getAccount(0))]);
  return { testVerifier };
});
