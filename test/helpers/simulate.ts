import { network } from "hardhat";
import { parseTestnetArgs, type SimulationOptions } from "../../src/sim/options.js";
import { runSimulation } from "../../src/sim/runSimulation.js";
import { runTestnet } from "../../src/sim/runTestnet.js";
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

/** `npm run testnet -- args` with its output kept; the process mode connects to the node it starts. */
export async function testnet(args: string[]) {
  const lines: string[] = [];
  const err = Object.assign(Object.create(process.stderr), { write: (s: string) => lines.push(s) !== 0 });
  const io = { out: (l: string) => lines.push(l), err, tty: false };
  const connect = (name: string, url?: string) =>
    url !== undefined ? network.create({ network: "localhost", override: { url } }) : network.create();
  const code = await runTestnet(args, connect as never, io);
  return { code, lines };
}
