import { BaseError } from "../errors/BaseError.js";

/**
 * Runs a command's body, prints its result, and turns any error into one line on stderr with a non-zero exit
 * code (never a stack trace): the whole message of the project's errors (it says what was expected and given),
 * viem's short message otherwise.
 */
export async function runCommandLine(body: () => Promise<string>): Promise<void> {
  try {
    console.log(await body());
  } catch (error) {
    console.error(`error: ${oneLineMessage(error)}`);
    process.exitCode = 1;
  }
}

/** The first line of what an error says (see `runCommandLine`). */
export function oneLineMessage(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string };
  const message = error instanceof BaseError ? error.message : (e.shortMessage ?? e.message);
  return (message ?? String(error)).split("\n")[0];
}
