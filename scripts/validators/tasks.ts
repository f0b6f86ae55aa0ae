/**
 * Validator onboarding commands as Hardhat tasks, so each has `--help`, `--network` and typed options:
 *   npx hardhat validators:add --file validators.json [--withdrawer 0x…] [--pinned] [--mint] --network localhost
 *   npx hardhat validators:status --file validators.json --network localhost
 *   npx hardhat validators:consent --attester 0x… --withdrawer 0x… [--pinned] --network sepolia
 * Both take `--escrow 0x…` (default: the chain's Ignition deployment). The logic lives in src/validators/;
 * these files only parse arguments.
 */
import { task } from "hardhat/config";
import { afterBuild } from "../../src/cli/afterBuild.js";

const ESCROW = {
  name: "escrow",
  description: "StakingEscrow address (default: <module>#StakingEscrow of the chain's Ignition deployment)",
  defaultValue: "",
} as const;
const FILE = {
  name: "file",
  description: "JSON array of { attester, withdrawer?, followCanonical?, signature } (bare addresses: status only)",
  defaultValue: "",
} as const;

export const validatorTasks = [
  task("validators:add", "Stake for every attester of a JSON list (already staked ones are skipped)")
    .addOption(FILE)
    .addOption({
      name: "withdrawer",
      description: "Withdrawer of entries without one (default: --from)",
      defaultValue: "",
    })
    .addFlag({ name: "pinned", description: "Pin entries without a follow flag to the canonical rollup" })
    .addFlag({ name: "mint", description: "Mint the missing stake to the sender (it must own the test token)" })
    .addOption({
      name: "batchSize",
      description: "Validators per transaction (default: fit the gas limit)",
      defaultValue: "",
    })
    .addOption({ name: "from", description: "Paying account (default: the network's first account)", defaultValue: "" })
    .addOption(ESCROW)
    .setAction(afterBuild(() => import("./add.js")))
    .build(),
  task(
    "validators:consent",
    "Sign, as the attester, its consent to be staked with a withdrawer; prints the entry to submit for validators:add",
  )
    .addOption({
      name: "attester",
      description: "The attester: an account the network signs for (its keystore key, or a local node's account)",
      defaultValue: "",
    })
    .addOption({ name: "withdrawer", description: "The withdrawer the attester consents to", defaultValue: "" })
    .addFlag({ name: "pinned", description: "Consent to be pinned to the canonical rollup (default: follow it)" })
    .addOption(ESCROW)
    .setAction(afterBuild(() => import("./consent.js")))
    .build(),
  task("validators:status", "Show the status of every attester of a JSON list and the canonical set's size")
    .addOption(FILE)
    .addFlag({ name: "json", description: "Print the full status as JSON" })
    .addOption(ESCROW)
    .setAction(afterBuild(() => import("./status.js")))
    .build(),
];
