import { readFile } from "node:fs/promises";
import { type Address, type Hex, getAddress, isAddress, isHex, size } from "viem";
import { BaseError } from "../errors/BaseError.js";
import { entryLines } from "./entryLines.js";

/**
 * One validator to onboard, as `StakingEscrow.addValidators` takes it. `signature` is the attester's stake consent
 * (`src/validators/stakeConsent.ts`): required unless the operator onboards its own attester address.
 */
export type ValidatorEntry = { attester: Address; withdrawer: Address; followCanonical: boolean; signature?: Hex };

export type ReadValidatorListParameters = {
  /**
   * Path of a JSON file: an array of `{ attester, withdrawer?, followCanonical?, signature? }` (the signature is
   * the attester's stake consent), or of bare attester addresses (enough for `validators:status`).
   */
  file: string;
  /** Withdrawer of entries that give none (participants who submit only an address). */
  defaultWithdrawer: Address;
  /** Follow flag of entries that give none (default true: follow the canonical rollup across upgrades). */
  defaultFollowCanonical?: boolean;
};

/** Error for a malformed validator list: says which entry, what was expected and what was given. */
export class ValidatorListError extends BaseError {
  override name = "ValidatorListError";

  constructor(file: string, where: string, expected: string, given: unknown) {
    super(`${file}: ${where} is malformed.`, { expected, given: JSON.stringify(given) });
  }
}

/**
 * Reads and validates a validator list as participants submit it (addresses in any case; checksummed
 * on output). Refuses a non-array, a malformed address, and a duplicate attester.
 */
export async function readValidatorList(params: ReadValidatorListParameters): Promise<ValidatorEntry[]> {
  const { file, defaultWithdrawer, defaultFollowCanonical = true } = params;
  let parsed: unknown;
  let text: string;
  try {
    text = await readFile(file, "utf8");
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ValidatorListError(file, "file", "a readable JSON file", (error as Error).message);
  }
  return parseValidatorList(parsed, {
    source: file,
    defaultWithdrawer,
    defaultFollowCanonical,
    lines: entryLines(text),
  });
}

/**
 * Validates an already-parsed list (see `readValidatorList`). Refusals name the entry 1-based, and its line when
 * `lines` (each entry's 1-based start line, `entryLines`) is given.
 */
export function parseValidatorList(
  parsed: unknown,
  options: { source: string; defaultWithdrawer: Address; defaultFollowCanonical: boolean; lines?: number[] },
): ValidatorEntry[] {
  const { source, defaultWithdrawer, defaultFollowCanonical, lines } = options;
  const at = (i: number) => (lines?.[i] === undefined ? `entry ${i + 1}` : `line ${lines[i]} (entry ${i + 1})`);
  if (!Array.isArray(parsed)) throw new ValidatorListError(source, "top level", "a JSON array", typeof parsed);
  if (parsed.length === 0) throw new ValidatorListError(source, "top level", "at least one entry", parsed);
  const seen = new Set<string>();
  return parsed.map((item: unknown, i) => {
    const raw = typeof item === "string" ? { attester: item } : item;
    if (typeof raw !== "object" || raw === null) {
      throw new ValidatorListError(source, at(i), "an address or an object", item);
    }
    const {
      attester,
      withdrawer = defaultWithdrawer,
      followCanonical = defaultFollowCanonical,
      signature,
    } = raw as Record<string, unknown>;
    const entry: ValidatorEntry = {
      attester: toAddress(source, `${at(i)} attester`, attester),
      withdrawer: toAddress(source, `${at(i)} withdrawer`, withdrawer),
      followCanonical: toBoolean(source, `${at(i)} followCanonical`, followCanonical),
    };
    if (signature !== undefined) entry.signature = toSignature(source, `${at(i)} signature`, signature);
    const key = entry.attester.toLowerCase();
    if (seen.has(key)) throw new ValidatorListError(source, `${at(i)} attester`, "a unique attester", attester);
    seen.add(key);
    return entry;
  });
}

function toAddress(source: string, where: string, value: unknown): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false }) || /^0x0{40}$/i.test(value)) {
    throw new ValidatorListError(source, where, "a non-zero 20-byte hex address", value);
  }
  return getAddress(value);
}

function toSignature(source: string, where: string, value: unknown): Hex {
  if (typeof value !== "string" || !isHex(value) || size(value) !== 65) {
    throw new ValidatorListError(source, where, "a 65-byte hex signature (the attester's stake consent)", value);
  }
  return value;
}

function toBoolean(source: string, where: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new ValidatorListError(source, where, "true or false", value);
  return value;
}
