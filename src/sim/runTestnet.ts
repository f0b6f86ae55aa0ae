import type { NetworkConnection } from "hardhat/types/network";
import { oneLineMessage } from "../cli/runCommandLine.js";
import { runProcessTestnet } from "../net/runProcessTestnet.js";
import { parseTestnetArgs, type SimulationOptions, TESTNET_USAGE } from "./options.js";
import { progressReporter } from "./progress.js";
import { writeReport } from "./report/writeReport.js";
import { runSimulation, type SimulationProgress } from "./runSimulation.js";
import { scalingCheck, STRESS_BASELINE_VALIDATORS } from "./stressBaseline.js";
import type { GateCheck } from "./types.js";

/**
 * Opens a connection to `network`: the in-process network, `npx hardhat node` (LOCALHOST_RPC_URL), or, with `url`,
 * the `hardhat node` a process testnet started on a free port.
 */
export type ConnectNetwork = (
  network: SimulationOptions["network"],
  url?: string,
) => Promise<NetworkConnection<string>>;

/** Exit codes of `npm run testnet`. */
export const EXIT = { pass: 0, fail: 1, usage: 2 } as const;

/**
 * `npm run testnet`: parses the arguments (a bad one: one line on stderr, exit 2), runs the phase, writes the
 * report into `--out`, prints the verdict with each gate check, and returns the exit code (0 pass, 1 fail).
 */
export async function runTestnet(
  argv: readonly string[],
  connect: ConnectNetwork,
  io: { out: (line: string) => void; err: NodeJS.WriteStream; tty: boolean } = {
    out: (line) => console.log(line),
    err: process.stderr,
    tty: process.stderr.isTTY === true,
  },
): Promise<number> {
  let options: SimulationOptions;
  try {
    const parsed = parseTestnetArgs(argv);
    if ("help" in parsed) {
      io.out(TESTNET_USAGE);
      return EXIT.pass;
    }
    options = parsed;
  } catch (error) {
    io.err.write(`error: ${oneLineMessage(error)}\nRun with --help for the options.\n`);
    return EXIT.usage;
  }
  const progress = progressReporter({ tty: io.tty, every: options.progressEvery, stream: io.err });
  try {
    const { report, timeline } = await runPhase(options, connect, (p) => progress.update(p));
    progress.stop();
    const { files } = await writeReport(options.out, report, timeline);
    io.out(`${report.phase}: gate ${report.gate.toUpperCase()} after ${report.slots} slots (${report.wallSeconds} s)`);
    // columns as wide as the longest name and figure, so every check's detail starts in one column
    const [names, figures] = [(c: GateCheck) => c.name, (c: GateCheck) => String(c.figure)].map((f) =>
      Math.max(...report.checks.map((c) => f(c).length)),
    );
    for (const c of report.checks)
      io.out(`  ${c.pass ? "pass" : "FAIL"}  ${c.name.padEnd(names)} ${String(c.figure).padEnd(figures)} ${c.detail}`);
    io.out(`report: ${files.find((f) => f.endsWith("report.md"))}`);
    return report.gate === "pass" ? EXIT.pass : EXIT.fail;
  } catch (error) {
    progress.stop();
    io.err.write(`error: ${oneLineMessage(error)}\n`);
    return EXIT.fail;
  }
}

/**
 * Runs the phase: over `node:run` processes with `--processes`, else in process; for `stress`, first the same run at the baseline's 300 validators, whose report is compared with
 * the large set's (`scalesWithValidators`, part of the gate).
 */
export async function runPhase(
  options: SimulationOptions,
  connect: ConnectNetwork,
  onProgress: (p: SimulationProgress) => void = () => {},
) {
  if (options.processes !== null)
    return runProcessTestnet(options, (url) => connect("localhost", url) as Promise<NetworkConnection>, onProgress);
  const baseline =
    options.phase === "stress" && options.validators > STRESS_BASELINE_VALIDATORS
      ? await runSimulation(
          await connect(options.network),
          { ...options, validators: STRESS_BASELINE_VALIDATORS },
          onProgress,
        )
      : undefined;
  const run = await runSimulation(await connect(options.network), options, onProgress);
  if (baseline === undefined) return run;
  const check = scalingCheck(run.report, baseline.report);
  const checks = [...run.report.checks, check];
  const report = {
    ...run.report,
    checks,
    gate: checks.every((c) => c.pass) ? ("pass" as const) : ("fail" as const),
    baseline: {
      validators: baseline.report.validators,
      missedSlots: baseline.report.missedSlots,
      l1GasPerBlock: baseline.report.l1GasPerBlock,
      gate: baseline.report.gate,
    },
    wallSeconds: Math.round((run.report.wallSeconds + baseline.report.wallSeconds) * 10) / 10,
  };
  return { ...run, report };
}
