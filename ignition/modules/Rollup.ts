import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import StakingModule from "./Staking.js";
import { addRollupParts } from "./rollupParts.js";

/**
 * The Rollup over the Staking module's StakingEscrow and Registry, registered in both (Registry.addRollup makes
 * it canonical, then StakingEscrow.addRollup points followers at it). Registration is sent by the deployer, so
 * the Staking `owner` must be the deployer at this point (the Governance timelock takes ownership later).
 * Parameters: those of `addRollupParts` (rollupParts.ts: clock, committee, bootstrap, genesis, slasher, the
 * required `verifier`, proof window, rewards, Inbox) and `owner` (default: the deployer).
 */
export default buildModule("Rollup", (m) => {
  const { stakingAsset, registry, stakingEscrow } = m.useModule(StakingModule);
  const { rollup, inbox, outbox } = addRollupParts(m, stakingEscrow, m.getParameter("owner", m.getAccount(0)));
  const addToRegistry = m.call(registry, "addRollup", [rollup]);
  m.call(stakingEscrow, "addRollup", [rollup], { after: [addToRegistry] });
  return { rollup, inbox, outbox, stakingAsset, registry, stakingEscrow };
});
