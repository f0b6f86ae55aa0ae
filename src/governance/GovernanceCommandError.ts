/** An error a governance command reports as one line: what was expected and what was given. */
export class GovernanceCommandError extends Error {
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
    this.name = "GovernanceCommandError";
  }
}
