export type BaseErrorParameters = {
  /** What the caller had to give or the chain had to show (becomes the `Expected: …` meta message). */
  expected?: string;
  /** What it gave or showed instead (becomes the `Given: …` meta message). */
  given?: string;
  /** Further one-line facts, after `Expected`/`Given`. */
  metaMessages?: readonly string[];
  cause?: unknown;
};

/**
 * The base of every error `src/` throws (after viem's `BaseError`): a `shortMessage` that says what went wrong,
 * and `metaMessages` (`Expected: …`, `Given: …`) that say what was needed and what was there. The `message` is
 * all of it on one line, so a command can print it as its one-line refusal.
 */
export class BaseError extends Error {
  override name = "BaseError";
  readonly shortMessage: string;
  readonly metaMessages: readonly string[];

  constructor(shortMessage: string, { expected, given, metaMessages = [], cause }: BaseErrorParameters = {}) {
    const meta = [
      ...(expected === undefined ? [] : [`Expected: ${expected}.`]),
      ...(given === undefined ? [] : [`Given: ${given}.`]),
      ...metaMessages,
    ];
    super([shortMessage, ...meta].join(" "), cause === undefined ? undefined : { cause });
    this.shortMessage = shortMessage;
    this.metaMessages = meta;
  }
}

/** A function was called with a value outside what it accepts (a programming error, not a chain condition). */
export class InvalidParameterError extends BaseError {
  override name = "InvalidParameterError";
}

/** What the chain, or data read beside it (logs, blobs, build artifacts), shows is not what the caller relies on. */
export class ChainDataError extends BaseError {
  override name = "ChainDataError";
}

/** A transaction was mined but reverted. */
export class TransactionRevertedError extends BaseError {
  override name = "TransactionRevertedError";

  constructor(what: string, hash: string, parameters: Omit<BaseErrorParameters, "expected" | "given"> = {}) {
    super(`${what} reverted (tx ${hash}).`, { ...parameters, expected: "success", given: "reverted" });
  }
}
