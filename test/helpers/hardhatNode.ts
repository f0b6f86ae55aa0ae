import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { after, before } from "mocha";

/** A `npx hardhat node` started on a free loopback port; `stop()` kills it by its PID. */
export type HardhatNode = { url: string; pid: number; stop: () => Promise<void> };

async function freePort(): Promise<number> {
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
 * process (Hardhat's CLI under this Node), so the PID `stop()` kills is the node's own.
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

/**
 * For a mocha suite: starts a node before its tests and, after them, stops it by its PID and deletes the Ignition
 * deployment `deploymentId` the tests recorded for it (and the default `chain-31337` one). Returns the running node.
 */
export function useHardhatNode(deploymentId: string, nodeArgs: readonly string[] = []): () => HardhatNode {
  let node: HardhatNode | undefined;
  // Ignition records the TestVerifier under the default id `chain-31337`: on a fresh node any such record is
  // stale (a previous node's), and reusing it would point the Rollup at an address without that contract.
  before(async () => {
    await forgetLocalDeployments();
    node = await startHardhatNode(60_000, nodeArgs);
  });
  after(async () => {
    await node?.stop();
    for (const id of [deploymentId, `${deploymentId}-verifier`])
      await rm(path.join(process.cwd(), "ignition", "deployments", id), { recursive: true, force: true });
    await forgetLocalDeployments();
  });
  return () => {
    if (node === undefined) throw new Error("the hardhat node is not running (use it inside a test)");
    return node;
  };
}

/**
 * Deletes every record of chain 31337 (`ignition/deployments/chain-31337*`, `deployments/31337-*.json`): a fresh
 * node has none of those contracts, so a record from an earlier node would point commands at empty addresses.
 */
async function forgetLocalDeployments(): Promise<void> {
  const ignition = path.join(process.cwd(), "ignition", "deployments");
  const records = path.join(process.cwd(), "deployments");
  for (const name of await readdir(ignition).catch(() => [] as string[]))
    if (name === "chain-31337" || name.startsWith("chain-31337-"))
      await rm(path.join(ignition, name), { recursive: true, force: true });
  for (const name of await readdir(records).catch(() => [] as string[]))
    if (name.startsWith("31337-")) await rm(path.join(records, name), { force: true });
}
