import { BaseError } from "../errors/BaseError.js";
import { decodeRevert } from "./decodeRevert.js";

/** What a command prints on stdout; `failed` output (e.g. a simulation whose payload reverts) exits non-zero. */
export type CommandOutput = string | { output: string; failed: boolean };

/**
 * Runs a command's body, prints its result, and turns any error into one line on stderr with a non-zero exit
 * code (never a stack trace): the whole message of the project's errors (it says what was expected and given),
 * viem's short message otherwise. A report marked `failed` is printed in full and exits with 1 too.
 */
export async function runCommandLine(body: () => Promise<CommandOutput>): Promise<void> {
  try {
    const result = await body();
    console.log(typeof result === "string" ? result : result.output);
    if (typeof result !== "string" && result.failed) process.exitCode = 1;
  } catch (error) {
    console.error(`error: ${oneLineMessage(error)}`);
    process.exitCode = 1;
  }
}

/**
 * The first line of what an error says (see `runCommandLine`). A contract's refusal is decoded with the artifacts'
 * ABIs (`decodeRevert`): viem's short message ("The contract function \"x\" reverted.") gets the custom error
 * and its arguments appended.
 */
export function oneLineMessage(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string };
  const message = error instanceof BaseError ? error.message : (e.shortMessage ?? e.message);
  const first = (message ?? String(error)).split("\n")[0];
  const decoded = decodeRevert(error);
  return decoded === undefined ? first : `${first} ${decoded}`;
}
