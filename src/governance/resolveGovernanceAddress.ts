import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Address } from "viem";
import { CommandError } from "../cli/CommandError.js";
import { parseAddress } from "./parseAddress.js";

/**
 * The Governance address: `--governance` if given, else the `<module>#Governance` entry of the Ignition deployment
 * of this chain (`ignition/deployments/chain-<id>/deployed_addresses.json`).
 */
export async function resolveGovernanceAddress(
  option: string,
  chainId: number,
  root = process.cwd(),
): Promise<Address> {
  if (option !== "") return parseAddress(option, "governance");
  const file = path.join(root, "ignition", "deployments", `chain-${chainId}`, "deployed_addresses.json");
  let addresses: Record<string, string>;
  try {
    addresses = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
  } catch {
    throw new CommandError(
      "No Governance address: pass --governance or deploy with Ignition first.",
      `--governance or ${path.relative(root, file)}`,
      "neither",
    );
  }
  const key = Object.keys(addresses).find((k) => k.endsWith("#Governance"));
  if (key === undefined) {
    throw new CommandError("The Ignition deployment has no Governance.", "a <module>#Governance entry", file);
  }
  return parseAddress(addresses[key], "governance");
}
