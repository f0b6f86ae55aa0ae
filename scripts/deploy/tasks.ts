/**
 * Deployment commands as Hardhat tasks, so each has `--help`, `--network` and typed options:
 *   npx hardhat deploy:system --phase phase2 --network localhost   (the whole system, before any governance)
 *   npx hardhat deploy:rollup [--parameters f.json] --network localhost   (the next Rollup version: hard fork)
 * The logic lives in src/; these files only parse arguments.
 */
import { task } from "hardhat/config";
import { afterBuild } from "../../src/cli/afterBuild.js";

export const deployTasks = [
  task("deploy:system", "Deploy the whole system (Ignition System module) with a phase's parameters")
    .addOption({ name: "phase", description: "phase1 | phase2 | phase3 | phase4 | stress | sepolia", defaultValue: "" })
    .addOption({
      name: "parameters",
      description: "JSON file of Ignition parameters overriding the phase's, module by module",
      defaultValue: "",
    })
    .addOption({
      name: "deploymentId",
      description: "Deployment id (default: the phase); Ignition records it as chain-<chainId>-<id>",
      defaultValue: "",
    })
    .addFlag({ name: "reset", description: "Forget the recorded Ignition deployment of this id and deploy anew" })
    .addFlag({ name: "json", description: "Print the deployment record as JSON" })
    .setAction(afterBuild(() => import("./system.js")))
    .build(),
  task("deploy:rollup", "Deploy the next Rollup version over the system's escrow (RollupVersion module), unregistered")
    .addOption({
      name: "parameters",
      description: 'JSON file { "RollupVersion": { … } } overriding the canonical rollup\'s configuration',
      defaultValue: "",
    })
    .addOption({
      name: "deploymentId",
      description: "Ignition deployment id (default: chain-<chainId>-rollup-v<version>)",
      defaultValue: "",
    })
    .addOption({
      name: "governance",
      description: "Governance address (default: <module>#Governance of the chain's Ignition deployment)",
      defaultValue: "",
    })
    .setAction(afterBuild(() => import("./rollup.js")))
    .build(),
];
