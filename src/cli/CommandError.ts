/** An error a command reports as one line: what went wrong, what was expected and what was given. */
export class CommandError extends Error {
  constructor(
    readonly shortMessage: string,
    readonly expected?: string,
    readonly given?: string,
  ) {
    super(
      [
        shortMessage,
        expected === undefined ? "" : ` Expected: ${expected}.`,
        given === undefined ? "" : ` Given: ${given}.`,
      ]
        .join("")
        .trim(),
    );
    this.name = "CommandError";
  }
}
