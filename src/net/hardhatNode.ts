import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

/** A `npx hardhat node` started on a free loopback port; `stop()` kills it by its PID. */
export type HardhatNode = { url: string; pid: number; stop: () => Promise<void> };

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

/**
 * Starts `npx hardhat node` on a free loopback port and resolves once it serves JSON-RPC. The node runs as one
 * process (Hardhat's CLI under this Node), so the PID `stop()` kills is the node's own. `nodeArgs` go to
 * `hardhat node` (e.g. `--chain-id 11155111` for a Sepolia stand-in).
 */
export async function startHardhatNode(timeoutMs = 60_000, nodeArgs: readonly string[] = []): Promise<HardhatNode> {
  const port = await freePort();
  const cli = path.join(process.cwd(), "node_modules", "hardhat", "dist", "src", "cli.js");
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, "node", "--hostname", "127.0.0.1", "--port", String(port), ...nodeArgs],
    { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start npx hardhat node");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => reject(new Error(`hardhat node did not start in ${timeoutMs} ms: ${output}`)),
      timeoutMs,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Started HTTP")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`hardhat node exited with ${code}: ${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
