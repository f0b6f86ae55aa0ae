/**
 * Local clock command as a Hardhat task (`--help`, `--network`, typed options), for trying governance by hand:
 *   npx hardhat time:advance --slots 64 --network localhost
 *   npx hardhat time:advance --to-round-end            npx hardhat time:advance --to-state active --proposal ID
 * Refused on any chain but 31337. The logic lives in src/governance/advanceTime.ts; this file only parses arguments.
 */
import { task } from "hardhat/config";
import { afterBuild } from "../../src/cli/afterBuild.js";

export const timeTasks = [
  task("time:advance", "Move a local chain's clock (chain 31337 only) by slots, to the round's end or a proposal state")
    .addOption({ name: "slots", description: "Advance to the start of the slot N slots ahead", defaultValue: "" })
    .addFlag({ name: "toRoundEnd", description: "Advance to the first slot of the next signalling round" })
    .addOption({
      name: "toState",
      description: "active | ended | executable: when --proposal's vote opens, has ended, or its timelock passed",
      defaultValue: "",
    })
    .addOption({ name: "proposal", description: "Proposal id, with --to-state", defaultValue: "" })
    .addOption({
      name: "governance",
      description: "Governance address (default: <module>#Governance of the chain's Ignition deployment)",
      defaultValue: "",
    })
    .setAction(afterBuild(() => import("./advance.js")))
    .build(),
];
