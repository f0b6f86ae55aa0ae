import { BaseError } from "../errors/BaseError.js";

/** An error a command reports as one line: what went wrong, what was expected and what was given. */
export class CommandError extends BaseError {
  override name = "CommandError";

  constructor(shortMessage: string, expected?: string, given?: string) {
    super(shortMessage, { expected, given });
  }
}
