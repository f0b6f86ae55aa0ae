import { CommandError } from "./CommandError.js";

/** OpenZeppelin GovernorCountingSimple vote types. */
export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export type Support = keyof typeof SUPPORT;

/** Parses `for`, `against` or `abstain` into the Governor's vote type. */
export function parseSupport(value: string): number {
  const support = SUPPORT[value.toLowerCase() as Support];
  if (support === undefined) {
    throw new CommandError("--support is not a vote type.", "for, against or abstain", JSON.stringify(value));
  }
  return support;
}
