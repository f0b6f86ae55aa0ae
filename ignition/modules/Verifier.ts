import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The epoch proof verifier a Rollup deployment plugs in (IVerifier), by address.
 * Parameter: `verifier` — a deployed verifier. Test and proving-off deployments pass the TestVerifier of the
 * `TestVerifier` module; a real SNARK verifier replaces it through a new Rollup (governance hard fork).
 */
export default buildModule("Verifier", (m) => {
  const verifier = m.contractAt("IVerifier", m.getParameter<string>("verifier"));
  return { verifier };
});
