import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { after, before } from "mocha";
import { type HardhatNode, startHardhatNode } from "../../src/net/hardhatNode.js";
import { acquireLocalChainLock } from "../../src/net/localChainLock.js";

export { type HardhatNode, startHardhatNode };

/**
 * For a mocha suite: starts a node before its tests and, after them, stops it by its PID and deletes the Ignition
 * deployment `deploymentId` the tests recorded for it (and the default `chain-31337` one). Returns the running node.
 * From before the node starts until its records are deleted the suite holds the local chain lock
 * (src/net/localChainLock.ts): in parallel mocha, suites with a node take turns; in-process suites record nothing.
 */
export function useHardhatNode(deploymentId: string, nodeArgs: readonly string[] = []): () => HardhatNode {
  let node: HardhatNode | undefined;
  let release: (() => Promise<void>) | undefined;
  // Ignition records the TestVerifier under the default id `chain-31337`: on a fresh node any such record is
  // stale (a previous node's), and reusing it would point the Rollup at an address without that contract.
  before(async () => {
    release = await acquireLocalChainLock();
    await forgetLocalDeployments();
    node = await startHardhatNode(60_000, nodeArgs);
  });
  after(async () => {
    try {
      await node?.stop();
      for (const id of [deploymentId, `${deploymentId}-verifier`])
        await rm(path.join(process.cwd(), "ignition", "deployments", id), { recursive: true, force: true });
      await forgetLocalDeployments();
    } finally {
      await release?.();
    }
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
