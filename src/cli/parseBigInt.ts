import { CommandError } from "./CommandError.js";

/** Parses a non-negative integer option (decimal or 0x hex); `name` names the option in the error. */
export function parseBigInt(value: string, name: string): bigint {
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value.trim())) {
    throw new CommandError(`--${name} is not a non-negative integer.`, "digits or 0x hex", JSON.stringify(value));
  }
  return BigInt(value.trim());
}
