import { CommandError } from "./CommandError.js";

/** The value of a required option (`name` without `--`), refused when it was not given. */
export function requireOption(value: string, name: string, expected: string): string {
  if (value === "") throw new CommandError(`Missing --${name}.`, expected, "nothing");
  return value;
}
