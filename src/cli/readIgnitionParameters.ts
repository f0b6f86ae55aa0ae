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

/** Reads a JSON file of Ignition parameters (`--parameters`), refusing an unreadable or non-JSON file in one line. */
export async function readParametersFile(file: string): Promise<DeploymentParameters> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new CommandError("--parameters names no readable file.", "a JSON file of Ignition parameters", file);
  }
  try {
    return parseIgnitionParameters(text);
  } catch (error) {
    throw new CommandError("--parameters is not JSON.", "a JSON file of Ignition parameters", (error as Error).message);
  }
}

/** `overrides` merged over `parameters` module by module (a module's values replace the same names). */
export function withOverrides(parameters: DeploymentParameters, overrides: DeploymentParameters): DeploymentParameters {
  const merged: DeploymentParameters = { ...parameters };
  for (const [module, values] of Object.entries(overrides)) merged[module] = { ...merged[module], ...values };
  return merged;
}
