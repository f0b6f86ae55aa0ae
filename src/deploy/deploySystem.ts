import { rm } from "node:fs/promises";
import path from "node:path";
import { type Address, getAddress } from "viem";
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import type { NetworkConnection } from "hardhat/types/network";
import SystemModule from "../../ignition/modules/System.js";
import { CommandError } from "../cli/CommandError.js";
import { PHASES, readIgnitionParameters, withOverrides } from "../cli/readIgnitionParameters.js";
import { requireOption } from "../cli/requireOption.js";
import { withLocalTestVerifier } from "./withTestVerifier.js";
import { describeIgnitionError } from "./ignitionError.js";
import { type DeploymentRecord, writeDeploymentRecord } from "./deploymentRecord.js";
import { watchDeployment } from "./deploymentProgress.js";

export type DeploySystemParameters = {
  phase: string;
  /** Parameters merged over the phase's, module by module (`--parameters`). */
  overrides?: DeploymentParameters;
  /** Default: the phase's name. */
  deploymentId?: string;
  /** Forget the recorded Ignition deployment first and deploy everything anew. */
  reset?: boolean;
  displayUi?: boolean;
  /** Without the live UI: a plain progress line every few seconds (`watchDeployment`), e.g. to stderr. */
  onProgress?: (line: string) => void;
  root?: string;
};

/** What `deploySystem` did: the record (also written to `file` on a persistent network). */
export type DeploySystemReturnType = DeploymentRecord & { file: string | undefined };

/**
 * Deploys (or resumes) the whole system of a phase with the System Ignition module under the Ignition deployment
 * `chain-<chainId>-<id>` (id: `deploymentId`, default the phase), so each phase and chain has its own record and a
 * repeated deploy sends nothing; a TestVerifier on a local chain without a `verifier` parameter (its own
 * `…-verifier` deployment). On a persistent network it writes `deployments/<chainId>-<id>.json`. A module or
 * parameters changed since the recorded deployment is refused in one line that names the changes and `--reset`.
 */
export async function deploySystem(
  connection: NetworkConnection,
  {
    phase,
    overrides = {},
    deploymentId,
    reset = false,
    displayUi = false,
    onProgress,
    root = process.cwd(),
  }: DeploySystemParameters,
): Promise<DeploySystemReturnType> {
  const id = checkDeploymentArgs(phase, deploymentId);
  const parameters = withOverrides(await readIgnitionParameters(phase, root), overrides);
  const chainId = await (await connection.viem.getPublicClient()).getChainId();
  const ignitionDeploymentId = `chain-${chainId}-${id}`;
  const persistent = connection.networkConfig.type === "http";
  if (reset && persistent) {
    for (const dir of [ignitionDeploymentId, `${ignitionDeploymentId}-verifier`])
      await rm(path.join(root, "ignition", "deployments", dir), { recursive: true, force: true });
  }
  const contracts: Record<string, Address> = {};
  const dir = path.join(root, "ignition", "deployments", ignitionDeploymentId);
  const stopWatching = watchDeployment(dir, displayUi ? undefined : onProgress);
  try {
    const withVerifier = await withLocalTestVerifier(connection, parameters, ignitionDeploymentId);
    const deployed = await connection.ignition.deploy(SystemModule, {
      parameters: withVerifier,
      deploymentId: ignitionDeploymentId,
      displayUi,
    });
    for (const [name, contract] of Object.entries(deployed)) contracts[name] = getAddress(contract.address);
  } catch (error) {
    throw describeIgnitionError(error, ignitionDeploymentId);
  } finally {
    stopWatching();
  }
  const record: DeploymentRecord = { chainId, deploymentId: id, ignitionDeploymentId, phase, contracts };
  return { ...record, file: persistent ? await writeDeploymentRecord(record, root) : undefined };
}

/** What `deploy:system` prints: one line per contract, then where the record is. */
export function formatDeployedSystem(result: DeploySystemReturnType): string {
  return [
    ...Object.entries(result.contracts).map(([name, address]) => `${name.padEnd(20)} ${address}`),
    `deployment ${result.deploymentId} on chain ${result.chainId} (Ignition ${result.ignitionDeploymentId})` +
      (result.file === undefined ? ", not recorded (in-process network)" : `, addresses in ${result.file}`),
  ].join("\n");
}

/**
 * The deployment id of `deploy:system`'s arguments (default: the phase), refused in one line before anything is
 * built or sent: a missing or unknown phase first, then an id Ignition cannot record.
 */
export function checkDeploymentArgs(phase: string, deploymentId: string | undefined): string {
  requireOption(phase, "phase", PHASES.join(", "));
  if (!(PHASES as readonly string[]).includes(phase))
    throw new CommandError("--phase is not a parameter set.", PHASES.join(", "), JSON.stringify(phase));
  const id = deploymentId ?? phase;
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id))
    throw new CommandError("--deployment-id is not an id.", "letters, digits, - and _", JSON.stringify(id));
  return id;
}
