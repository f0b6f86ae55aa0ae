/**
 * Governance commands as Hardhat tasks, so each has `--help`, `--network` and typed options:
 *   npx hardhat gov:payload --kind hard-fork --new-rollup 0x… --network localhost
 *   npx hardhat gov:simulate --payload 0x…      npx hardhat gov:signal --payload 0x… [--relayer 0x…]
 *   npx hardhat gov:submit [--round N]          npx hardhat gov:vote --proposal ID --support for
 *   npx hardhat gov:queue --proposal ID         npx hardhat gov:execute --proposal ID
 *   npx hardhat gov:status
 * Every command takes `--governance 0x…` (default: the Ignition deployment of the chain) and `--from 0x…` where it
 * sends a transaction. The logic lives in src/governance/; these files only parse arguments.
 */
import { task } from "hardhat/config";
import { afterBuild } from "../../src/cli/afterBuild.js";

const GOVERNANCE = {
  name: "governance",
  description: "Governance address (default: <module>#Governance of the chain's Ignition deployment)",
  defaultValue: "",
} as const;
const FROM = {
  name: "from",
  description: "Sending account (default: the network's first account)",
  defaultValue: "",
} as const;
const PROPOSAL = { name: "proposal", description: "Proposal id (decimal or 0x hex)", defaultValue: "" } as const;

export const governanceTasks = [
  task("gov:payload", "Deploy a governance payload (hard fork or parameter change)")
    .addOption({ name: "kind", description: "hard-fork | parameters", defaultValue: "" })
    .addOption({ name: "newRollup", description: "hard-fork: the new Rollup", defaultValue: "" })
    .addOption({ name: "votingDelay", description: "parameters: seconds", defaultValue: "" })
    .addOption({ name: "votingPeriod", description: "parameters: seconds", defaultValue: "" })
    .addOption({ name: "quorum", description: "parameters: quorum numerator (percent)", defaultValue: "" })
    .addOption(GOVERNANCE)
    .setAction(afterBuild(() => import("./payload.js")))
    .build(),
  task("gov:simulate", "Run a payload's actions on a snapshot; print each action's state diff and gas, then revert")
    .addOption({ name: "payload", description: "Payload address", defaultValue: "" })
    .addOption(GOVERNANCE)
    .setAction(afterBuild(() => import("./simulate.js")))
    .build(),
  task("gov:signal", "Signal a payload as the current slot's proposer (directly, or signed and relayed)")
    .addOption({ name: "payload", description: "Payload address", defaultValue: "" })
    .addOption({ name: "relayer", description: "Relay the signature from this account", defaultValue: "" })
    .addOption(FROM)
    .addOption(GOVERNANCE)
    .setAction(afterBuild(() => import("./signal.js")))
    .build(),
  task("gov:submit", "Submit a finished round's winning payload to Governance")
    .addOption({ name: "round", description: "Round (default: the last finished one)", defaultValue: "" })
    .addOption(FROM)
    .addOption(GOVERNANCE)
    .setAction(afterBuild(() => import("./submit.js")))
    .build(),
  task("gov:vote", "Vote on a proposal with the account's staked voting units")
    .addOption(PROPOSAL)
    .addOption({ name: "support", description: "for | against | abstain", defaultValue: "" })
    .addOption({ name: "reason", description: "Optional reason", defaultValue: "" })
    .addOption(FROM)
    .addOption(GOVERNANCE)
    .setAction(afterBuild(() => import("./vote.js")))
    .build(),
  task("gov:queue", "Queue a succeeded proposal in the timelock")
    .addOption(PROPOSAL)
    .addOption(FROM)
    .addOption(GOVERNANCE)
    .setAction(afterBuild(() => import("./queue.js")))
    .build(),
  task("gov:execute", "Execute a queued proposal after the timelock delay")
    .addOption(PROPOSAL)
    .addOption(FROM)
    .addOption(GOVERNANCE)
    .setAction(afterBuild(() => import("./execute.js")))
    .build(),
  task("gov:status", "Show the signalling round and every proposal's state and tally")
    .addOption(GOVERNANCE)
    .setAction(afterBuild(() => import("./status.js")))
    .build(),
];
