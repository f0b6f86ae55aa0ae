import type { NetworkConnection } from "hardhat/types/network";
import { oneLineMessage } from "../cli/runCommandLine.js";
import { parseTestnetArgs, type SimulationOptions, TESTNET_USAGE } from "./options.js";
import { progressReporter } from "./progress.js";
import { writeReport } from "./report/writeReport.js";
import { runSimulation } from "./runSimulation.js";

/** Exit codes of `npm run testnet`. */
export const EXIT = { pass: 0, fail: 1, usage: 2 } as const;

/**
 * `npm run testnet`: parses the arguments (a bad one: one line on stderr, exit 2), runs the phase, writes the
 * report into `--out`, prints the verdict with each gate check, and returns the exit code (0 pass, 1 fail).
 */
export async function runTestnet(
  argv: readonly string[],
  connect: (network: SimulationOptions["network"]) => Promise<NetworkConnection<string>>,
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
    const connection = await connect(options.network);
    const { report, timeline } = await runSimulation(connection, options, (p) => progress.update(p));
    progress.stop();
    const { files } = await writeReport(options.out, report, timeline);
    io.out(`${report.phase}: gate ${report.gate.toUpperCase()} after ${report.slots} slots (${report.wallSeconds} s)`);
    for (const c of report.checks)
      io.out(`  ${c.pass ? "pass" : "FAIL"}  ${c.name.padEnd(22)} ${String(c.figure).padEnd(14)} ${c.detail}`);
    io.out(`report: ${files.find((f) => f.endsWith("report.md"))}`);
    return report.gate === "pass" ? EXIT.pass : EXIT.fail;
  } catch (error) {
    progress.stop();
    io.err.write(`error: ${oneLineMessage(error)}\n`);
    return EXIT.fail;
  }
}
