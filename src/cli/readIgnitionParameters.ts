import { readFile } from "node:fs/promises";
import path from "node:path";
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import { CommandError } from "./CommandError.js";

/** The deployment parameter sets in `ignition/parameters/`. */
export const PHASES = ["phase1", "phase2", "phase3", "phase4", "stress", "sepolia"] as const;

/**
 * Reads `ignition/parameters/<phase>.json` as the Ignition CLI does: strings like "100n" are bigints.
 */
export async function readIgnitionParameters(phase: string, root = process.cwd()): Promise<DeploymentParameters> {
  if (!(PHASES as readonly string[]).includes(phase)) {
    throw new CommandError("--phase is not a parameter set.", PHASES.join(", "), JSON.stringify(phase));
  }
  return parseIgnitionParameters(await readFile(path.join(root, "ignition", "parameters", `${phase}.json`), "utf8"));
}

/** Parses an Ignition parameters file's text: strings like "100n" are bigints. */
export function parseIgnitionParameters(text: string): DeploymentParameters {
  return JSON.parse(text, (_, value) =>
    typeof value === "string" && /^\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value,
  ) as DeploymentParameters;
}
