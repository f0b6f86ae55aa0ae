import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import path from "node:path";

/** A JSON log line of `node:run`. */
export type LogLine = { event?: string; level?: number; [key: string]: unknown };

/** A `npx hardhat node:run` child process: its parsed JSON log lines, its other output, its exit. */
export type NodeRunProcess = {
  pid: number;
  logs: LogLine[];
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves with the first log line (past or future) that `match` accepts; rejects on timeout or exit. */
  waitFor: (match: (line: LogLine) => boolean, timeoutMs?: number) => Promise<LogLine>;
  interrupt: () => Promise<number | null>;
  /** Sends `signal` to the process by its PID (SIGKILL: a crash; SIGSTOP/SIGCONT: frozen and thawed). */
  signal: (signal: NodeJS.Signals) => void;
};

/**
 * Starts `hardhat node:run` (Hardhat's CLI under this Node, so the PID is the node process's own) with `args`
 * and extra environment (e.g. `LOCALHOST_RPC_URL`).
 */
export function startNodeRun(args: string[], env: Record<string, string> = {}): NodeRunProcess {
  const cli = path.join(process.cwd(), "node_modules", "hardhat", "dist", "src", "cli.js");
  const child = spawn(process.execPath, [cli, "node:run", ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("could not start node:run");
  const logs: LogLine[] = [];
  let out = "";
  let err = "";
  let pending = "";
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const text of lines) {
      if (!text.startsWith("{")) continue;
      const line = JSON.parse(text) as LogLine;
      logs.push(line);
      for (const w of [...waiters]) if (w.match(line)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(line));
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // NODE_RUN_LOG=file keeps the child's output for debugging a failed run.
  const keep = process.env.NODE_RUN_LOG;
  if (keep !== undefined) void exited.then(() => appendFileSync(keep, `${out}\n${err}\n`));
  return {
    pid: child.pid,
    logs,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (match, timeoutMs = 120_000) => {
      const seen = logs.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching log line in ${timeoutMs} ms: ${err}`)), timeoutMs);
        waiters.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then((code) => (clearTimeout(timer), reject(new Error(`node:run exited (${code}): ${err}`))));
      });
    },
    interrupt: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      return exited;
    },
    signal: (signal) => void child.kill(signal),
  };
}

/** Polls `probe` every 200 ms until it returns true; rejects after `timeoutMs` or once `abort` resolves. */
export async function until(
  what: string,
  probe: () => Promise<boolean>,
  abort: Promise<unknown>,
  timeoutMs = 120_000,
): Promise<void> {
  let aborted = false;
  void abort.then(() => (aborted = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (aborted) throw new Error(`node:run exited while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
