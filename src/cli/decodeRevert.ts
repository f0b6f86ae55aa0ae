import { type Abi, BaseError as ViemBaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex } from "viem";
import * as abis from "../chain/abi.js";

/** Every custom error of the contracts `src/` talks to, from their compiled artifacts (src/chain/abi.ts). */
const SYSTEM_ERRORS = (Object.values(abis) as Abi[]).flat().filter((item) => item.type === "error") as Abi;

/**
 * `ErrorName(arg, …)` of the custom error a call or transaction reverted with: viem's decoding when it had the
 * error in the ABI it called with, else the revert data found in the error chain (an RPC error's `data`, viem's
 * `raw`) decoded with `abi` and every system contract's errors. Undefined when there is no data or no match.
 */
export function decodeRevert(error: unknown, abi: Abi = []): string | undefined {
  if (error instanceof ViemBaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName !== undefined) {
      return formatError(reverted.data.errorName, reverted.data.args);
    }
  }
  const data = revertData(error);
  if (data === undefined) return undefined;
  try {
    const { errorName, args } = decodeErrorResult({ abi: [...abi, ...SYSTEM_ERRORS], data });
    return formatError(errorName, args);
  } catch {
    return undefined;
  }
}

function formatError(name: string, args: readonly unknown[] | undefined): string {
  return `${name}(${(args ?? []).map((a) => (typeof a === "bigint" ? a.toString() : String(a))).join(", ")})`;
}

/** The first revert data (at least a 4-byte selector) along the error's `cause` chain. */
function revertData(error: unknown): Hex | undefined {
  let current = error as { raw?: unknown; data?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current !== undefined && current !== null && depth < 12; depth++) {
    for (const candidate of [current.raw, current.data, (current.data as { data?: unknown } | undefined)?.data]) {
      if (typeof candidate === "string" && /^0x[0-9a-fA-F]{8,}$/.test(candidate)) return candidate as Hex;
    }
    current = current.cause as typeof current;
  }
  return undefined;
}
