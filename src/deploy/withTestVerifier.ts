import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import TestVerifierModule from "../../ignition/modules/TestVerifier.js";
import { InvalidParameterError } from "../errors/BaseError.js";

type Ignition = {
  deploy: (
    module: typeof TestVerifierModule,
    options?: { deploymentId?: string; displayUi?: boolean },
  ) => Promise<{ testVerifier: { address: `0x${string}` } }>;
};

/**
 * Deploys the test-only, switchable TestVerifier (ignition/modules/TestVerifier.ts) and returns `parameters` with its
 * address as `<moduleId>.verifier`. For tests and local networks only: a public deployment names a real verifier
 * in its parameters file instead.
 */
export async function withTestVerifier(
  ignition: Ignition,
  parameters: DeploymentParameters = {},
  moduleId = "System",
  deploymentId?: string,
): Promise<DeploymentParameters> {
  // On a persistent network Ignition records the deployment: a named one gets its own record, so a fresh node never
  // reuses a verifier address recorded against an earlier chain.
  const { testVerifier } = await ignition.deploy(
    TestVerifierModule,
    deploymentId === undefined ? undefined : { deploymentId: `${deploymentId}-verifier`, displayUi: false },
  );
  return { ...parameters, [moduleId]: { ...parameters[moduleId], verifier: testVerifier.address } };
}

/** Chain ids of local development networks (the in-process network and `npx hardhat node`). */
const LOCAL_CHAIN_IDS = new Set([31337]);

/**
 * The System parameters to deploy with: as given when they name a `verifier`; on a local chain, with a fresh
 * TestVerifier otherwise. A public chain without a verifier is refused (a test verifier accepts any proof).
 */
export async function withLocalTestVerifier(
  connection: { ignition: Ignition; viem: { getPublicClient: () => Promise<{ getChainId: () => Promise<number> }> } },
  parameters: DeploymentParameters,
  deploymentId?: string,
): Promise<DeploymentParameters> {
  if (parameters.System?.verifier !== undefined) return parameters;
  const chainId = await (await connection.viem.getPublicClient()).getChainId();
  if (!LOCAL_CHAIN_IDS.has(chainId)) {
    throw new InvalidParameterError(`Chain ${chainId} is not local: its parameters must name a verifier.`, {
      expected: '"System": { "verifier": "0x…" } in the parameters file',
      given: "no verifier",
    });
  }
  return withTestVerifier(connection.ignition, parameters, "System", deploymentId);
}
