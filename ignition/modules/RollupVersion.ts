import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { addRollupParts } from "./rollupParts.js";

/**
 * A new Rollup version (hard fork) over an existing StakingEscrow and Registry: the Rollup with its own Inbox and
 * Outbox (`addRollupParts`, the same wiring as the System module's), owned by `owner` (the system's timelock),
 * and NOT registered: registering it in the Registry and the escrow is the hard-fork payload's job, which
 * governance executes (`gov:payload --kind hard-fork --new-rollup <rollup>`).
 *
 * Parameters (module `RollupVersion`): `escrow` and `owner` (required), and those of `addRollupParts`
 * (rollupParts.ts: clock, committee, bootstrap, genesis, slasher, the required `verifier`, proof window, rewards,
 * Inbox, `rollupVersion`). `npx hardhat deploy:rollup` fills them from the running canonical rollup
 * (src/deploy/rollupVersionParameters.ts), so v2 keeps v1's clock and configuration unless a file overrides them.
 */
export default buildModule("RollupVersion", (m) => {
  const { rollup, inbox, outbox } = addRollupParts(
    m,
    m.getParameter<string>("escrow"),
    m.getParameter<string>("owner"),
  );
  return { rollup, inbox, outbox };
});
