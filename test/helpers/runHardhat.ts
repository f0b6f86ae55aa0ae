import { execFile } from "node:child_process";
import path from "node:path";

/** What a `npx hardhat …` process left: its exit code (0 on success) and its output. */
export type HardhatRun = { code: number; stdout: string; stderr: string };

/**
 * Hardhat's CLI script: `process.execPath` with it as first argument is the process `npx hardhat` runs, without
 * npx's own start-up (≈ 0.6 s of npm per call; the suites run about a hundred commands).
 */
export const HARDHAT_CLI = path.join(process.cwd(), "node_modules", "hardhat", "dist", "src", "cli.js");

/**
 * Runs `npx hardhat <args>` in the project root as a user would (a new process: the command's own argument
 * parsing, exit code and output), with `env` (default: this process's) and `input` written to its stdin.
 * Resolves in every case; the caller checks `code`.
 */
export function runHardhat(
  args: readonly string[],
  { env = process.env, input }: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<HardhatRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [HARDHAT_CLI, ...args],
      { cwd: process.cwd(), env },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? 1), stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(`${input}\n`);
  });
}
