import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Address, getAddress, isAddress } from "viem";
import { CommandError } from "../cli/CommandError.js";

/**
 * The StakingEscrow address: `--escrow` if given, else the `<module>#StakingEscrow` entry of the chain's Ignition
 * deployment (`ignition/deployments/chain-<id>/deployed_addresses.json`).
 */
export async function resolveEscrowAddress(option: string, chainId: number, root = process.cwd()): Promise<Address> {
  if (option !== "") return parseAddressOption(option, "escrow");
  const file = path.join(root, "ignition", "deployments", `chain-${chainId}`, "deployed_addresses.json");
  let addresses: Record<string, string>;
  try {
    addresses = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
  } catch {
    throw new CommandError(
      "No StakingEscrow address: pass --escrow or deploy with Ignition first.",
      `--escrow or ${path.relative(root, file)}`,
      "neither",
    );
  }
  const key = Object.keys(addresses).find((k) => k.endsWith("#StakingEscrow"));
  if (key === undefined) {
    throw new CommandError("The Ignition deployment has no StakingEscrow.", "a <module>#StakingEscrow", file);
  }
  return parseAddressOption(addresses[key], "escrow");
}

/** Parses an address option, refusing anything but a 20-byte hex address. */
export function parseAddressOption(value: string, name: string): Address {
  if (!isAddress(value, { strict: false })) {
    throw new CommandError(`Bad --${name}.`, "a 20-byte hex address", JSON.stringify(value));
  }
  return getAddress(value);
}
