import { network } from "hardhat";
import { parseTestnetArgs, type SimulationOptions } from "../../src/sim/options.js";
import { runSimulation } from "../../src/sim/runSimulation.js";
import type { SimulationReport } from "../../src/sim/types.js";

/** Runs the simulator on a fresh in-process network with `args` (as `npm run testnet -- args`). */
export async function simulate(...args: string[]) {
  const options = parseTestnetArgs(args) as SimulationOptions;
  return runSimulation(await network.create(), options);
}

export const check = (report: SimulationReport, name: string) => {
  const found = report.checks.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no gate check ${name} in ${report.checks.map((c) => c.name).join(", ")}`);
  return found;
};
