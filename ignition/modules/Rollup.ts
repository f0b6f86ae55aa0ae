import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import StakingModule from "./Staking.js";

/**
 * The Rollup over the Staking module's StakingEscrow and Registry, registered in both (Registry.addRollup makes
 * it canonical, then StakingEscrow.addRollup points followers at it). Registration is sent by the deployer, so
 * the Staking `owner` must be the deployer at this point (the Governance timelock takes ownership later).
 * Parameters: slotDuration (36 s), epochDuration (32 slots), targetCommitteeSize (16; at most 256),
 * bootstrap (committee-less phase-1 mode while no validator is staked; false on Sepolia phases 3–4),
 * genesisTime (0 = the deployment block's time), genesisArchive, slasher, owner (both default to the deployer).
 */
export default buildModule("Rollup", (m) => {
  const { stakingAsset, registry, stakingEscrow } = m.useModule(StakingModule);
  const deployer = m.getAccount(0);
  const rollup = m.contract("Rollup", [
    {
      escrow: stakingEscrow,
      genesisTime: m.getParameter("genesisTime", 0n),
      slotDuration: m.getParameter("slotDuration", 36),
      epochDuration: m.getParameter("epochDuration", 32),
      targetCommitteeSize: m.getParameter("targetCommitteeSize", 16n),
      bootstrap: m.getParameter("bootstrap", false),
      genesisArchive: m.getParameter(
        "genesisArchive",
        "0x0000000000000000000000000000000000000000000000000000000000000001",
      ),
      slasher: m.getParameter("slasher", deployer),
      owner: m.getParameter("owner", deployer),
    },
  ]);
  const addToRegistry = m.call(registry, "addRollup", [rollup]);
  m.call(stakingEscrow, "addRollup", [rollup], { after: [addToRegistry] });
  return { rollup, stakingAsset, registry, stakingEscrow };
});
