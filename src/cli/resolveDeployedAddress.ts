import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Address } from "viem";
import { CommandError } from "./CommandError.js";
import { parseAddress } from "./parseAddress.js";
import { readDeploymentRecords } from "../deploy/deploymentRecord.js";

/** Which deployed contract a command needs, and the option that names it. */
export interface DeployedContract {
  /** The Ignition future id suffix, e.g. `StakingEscrow` for `<module>#StakingEscrow`. */
  contract: string;
  /** The command-line option that overrides the deployment, without `--`, e.g. `escrow`. */
  option: string;
}

/**
 * The address of a deployed contract: the option's value if given; else the chain's record written by
 * `deploy:system` (`deployments/<chainId>-<id>.json`: the only one of the chain, or the one `SP_DEPLOYMENT=<id>`
 * names); else, with no record, the `<module>#<contract>` entry of the chain's default Ignition deployment
 * (`ignition/deployments/chain-<id>/deployed_addresses.json`).
 */
export async function resolveDeployedAddress(
  { contract, option }: DeployedContract,
  value: string,
  chainId: number,
  root = process.cwd(),
): Promise<Address> {
  if (value !== "") return parseAddress(value, option);
  const records = await readDeploymentRecords(chainId, root);
  if (records.length > 0) {
    const wanted = process.env.SP_DEPLOYMENT;
    const ids = records.map((r) => r.deploymentId);
    const record =
      wanted === undefined && records.length === 1 ? records[0] : records.find((r) => r.deploymentId === wanted);
    if (record === undefined) {
      throw new CommandError(
        wanted === undefined
          ? `Several deployments on chain ${chainId}: pass --${option} or set SP_DEPLOYMENT.`
          : `No deployment ${wanted} on chain ${chainId}.`,
        `SP_DEPLOYMENT=${ids.join(" | ")}`,
        wanted === undefined ? "none" : wanted,
      );
    }
    const name = contract.charAt(0).toLowerCase() + contract.slice(1);
    const address = record.contracts[name];
    if (address === undefined) {
      throw new CommandError(
        `Deployment ${record.deploymentId} has no ${contract}.`,
        `a "${name}" entry`,
        ids.join(", "),
      );
    }
    return parseAddress(address, option);
  }
  const file = path.join(root, "ignition", "deployments", `chain-${chainId}`, "deployed_addresses.json");
  let addresses: Record<string, string>;
  try {
    addresses = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
  } catch {
    throw new CommandError(
      `No ${contract} address: pass --${option} or deploy with Ignition first.`,
      `--${option} or ${path.relative(root, file)}`,
      "neither",
    );
  }
  const key = Object.keys(addresses).find((k) => k.endsWith(`#${contract}`));
  if (key === undefined) {
    throw new CommandError(`The Ignition deployment has no ${contract}.`, `a <module>#${contract} entry`, file);
  }
  return parseAddress(addresses[key], option);
}
