/**
 * Deployment commands as Hardhat tasks, so each has `--help`, `--network` and typed options:
 *   npx hardhat deploy:system --phase phase2 --network localhost   (the whole system, before any governance)
 * The logic lives in src/; these files only parse arguments.
 */
import { task } from "hardhat/config";

export const deployTasks = [
  task("deploy:system", "Deploy the whole system (Ignition System module) with a phase's parameters")
    .addOption({ name: "phase", description: "phase1 | phase2 | phase3 | phase4 | stress | sepolia", defaultValue: "" })
    .setAction(() => import("./system.js"))
    .build(),
];
