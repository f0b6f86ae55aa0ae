import { rm } from "node:fs/promises";
import path from "node:path";
import { after, before } from "mocha";
import { type HardhatNode, startHardhatNode } from "../../src/net/hardhatNode.js";

export { type HardhatNode, startHardhatNode };

/**
 * For a mocha suite: starts a node before its tests and, after them, stops it by its PID and deletes the Ignition
 * deployment `deploymentId` the tests recorded for it (and the default `chain-31337` one). Returns the running node.
 */
export function useHardhatNode(deploymentId: string): () => HardhatNode {
  let node: HardhatNode | undefined;
  // Ignition records the TestVerifier under the default id `chain-31337`: on a fresh node any such record is
  // stale (a previous node's), and reusing it would point the Rollup at an address without that contract.
  const defaultDeployment = path.join(process.cwd(), "ignition", "deployments", "chain-31337");
  before(async () => {
    await rm(defaultDeployment, { recursive: true, force: true });
    node = await startHardhatNode();
  });
  after(async () => {
    await node?.stop();
    for (const id of [deploymentId, `${deploymentId}-verifier`])
      await rm(path.join(process.cwd(), "ignition", "deployments", id), { recursive: true, force: true });
    await rm(defaultDeployment, { recursive: true, force: true });
  });
  return () => {
    if (node === undefined) throw new Error("the hardhat node is not running (use it inside a test)");
    return node;
  };
}
