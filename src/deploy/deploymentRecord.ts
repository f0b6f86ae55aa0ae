import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Address } from "viem";

/** `deployments/<chainId>-<id>.json`: what a deploy command wrote, for people and the commands that follow. */
export type DeploymentRecord = {
  chainId: number;
  deploymentId: string;
  /** The Ignition deployment (folder `ignition/deployments/<ignitionDeploymentId>/`). */
  ignitionDeploymentId: string;
  phase: string;
  /** The System module's result name (`governance`, `stakingEscrow`, …) → address. */
  contracts: Record<string, Address>;
};

/** The folder of the address records. */
export function deploymentsDir(root = process.cwd()): string {
  return path.join(root, "deployments");
}

/** The record file of deployment `id` on `chainId`. */
export function deploymentRecordFile(chainId: number, id: string, root = process.cwd()): string {
  return path.join(deploymentsDir(root), `${chainId}-${id}.json`);
}

/** Writes `deployments/<chainId>-<id>.json`; returns its path. */
export async function writeDeploymentRecord(record: DeploymentRecord, root = process.cwd()): Promise<string> {
  const file = deploymentRecordFile(record.chainId, record.deploymentId, root);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** Every record of `chainId` in `deployments/`, by file name order. */
export async function readDeploymentRecords(chainId: number, root = process.cwd()): Promise<DeploymentRecord[]> {
  const names = await readdir(deploymentsDir(root)).catch(() => [] as string[]);
  const mine = names.filter((name) => name.startsWith(`${chainId}-`) && name.endsWith(".json")).sort();
  return Promise.all(
    mine.map(
      async (name) => JSON.parse(await readFile(path.join(deploymentsDir(root), name), "utf8")) as DeploymentRecord,
    ),
  );
}
