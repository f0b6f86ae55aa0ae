import path from "node:path";
import { type Address, getAddress } from "viem";
import type { NetworkConnection } from "hardhat/types/network";
import RollupVersionModule from "../../ignition/modules/RollupVersion.js";
import { watchDeployment } from "./deploymentProgress.js";
import { ROLLUP_VERSION_MODULE, type RollupVersionParameters } from "./rollupVersionParameters.js";

/** A deployed Rollup version: its contracts and the parameters it was deployed with. */
export type DeployedRollupVersion = {
  rollup: Address;
  inbox: Address;
  outbox: Address;
  parameters: RollupVersionParameters;
};

/**
 * Deploys a new Rollup version with the `RollupVersion` Ignition module (ignition/modules/RollupVersion.ts): its
 * Rollup, Inbox and Outbox over the system's escrow, unregistered until governance executes the hard-fork payload.
 * With a `deploymentId` Ignition records it (resumable: deploying the same parameters again sends nothing).
 */
export async function deployRollupVersion(
  connection: NetworkConnection,
  {
    parameters,
    deploymentId,
    displayUi = false,
    onProgress,
  }: {
    parameters: RollupVersionParameters;
    deploymentId?: string;
    displayUi?: boolean;
    /** Without the live UI: a plain progress line every few seconds (`watchDeployment`). */
    onProgress?: (line: string) => void;
  },
): Promise<DeployedRollupVersion> {
  // without an id Ignition names the folder itself: nothing to watch
  const dir = path.join(process.cwd(), "ignition", "deployments", deploymentId ?? "");
  const stopWatching = watchDeployment(dir, displayUi || deploymentId === undefined ? undefined : onProgress);
  const deployed = await connection.ignition
    .deploy(RollupVersionModule, { parameters: { [ROLLUP_VERSION_MODULE]: parameters }, deploymentId, displayUi })
    .finally(stopWatching);
  return {
    rollup: getAddress(deployed.rollup.address),
    inbox: getAddress(deployed.inbox.address),
    outbox: getAddress(deployed.outbox.address),
    parameters,
  };
}
