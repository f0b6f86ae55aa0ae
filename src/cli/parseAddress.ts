import { getAddress, isAddress, type Address } from "viem";
import { CommandError } from "./CommandError.js";

/** Parses a command-line address option (`name` names the option in the error). */
export function parseAddress(value: string, name: string): Address {
  if (!isAddress(value, { strict: false })) {
    throw new CommandError(`--${name} is not an address.`, "0x followed by 40 hex digits", JSON.stringify(value));
  }
  return getAddress(value);
}
