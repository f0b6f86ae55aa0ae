import { NodeError } from "../NodeError.js";
import { BaseError } from "../../errors/BaseError.js";

export type RetryOptions = {
  /** Attempts in all (≥ 1). */
  attempts: number;
  /** Delay before the first retry; doubles each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A call that has not answered after this long counts as failed (and is retried). */
  timeoutMs: number;
};

export const defaultRetry: RetryOptions = { attempts: 6, baseDelayMs: 100, maxDelayMs: 5_000, timeoutMs: 30_000 };

/**
 * Runs an RPC call, retrying with exponential backoff when it fails or times out; after the last attempt throws
 * `RpcUnavailable` naming the call and its last error. `giveUp` lets the caller stop early on errors retrying
 * cannot fix (e.g. a range too large, which it handles by splitting).
 */
export async function withRetry<T>(
  what: string,
  call: () => Promise<T>,
  options: RetryOptions,
  hooks: { onRetry?: (error: unknown) => void; giveUp?: (error: unknown) => boolean } = {},
): Promise<T> {
  let delay = options.baseDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTimeout(call(), options.timeoutMs, what);
    } catch (error) {
      if (hooks.giveUp?.(error) === true) throw error;
      if (attempt >= options.attempts) {
        // viem's short message is generic ("An unknown RPC error occurred."); its details say what the RPC said.
        const e = error as { shortMessage?: string; details?: string; message?: string };
        const message = [e.shortMessage ?? e.message ?? String(error), e.details]
          .filter((part) => part !== undefined && part !== "")
          .join(" ")
          .split("\n")[0]
          .replace(/\.$/, "");
        throw new NodeError(
          "RpcUnavailable",
          `${what} failed after ${attempt} attempts: ${message}.`,
          "an answer from the L1 RPC",
          "refusals or timeouts",
        );
      }
      hooks.onRetry?.(error);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, options.maxDelayMs);
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BaseError(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
