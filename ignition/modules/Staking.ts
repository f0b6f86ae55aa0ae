import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { STAKING_DEFAULTS } from "../../src/system/rollupDefaults.js";
import StakingAssetModule from "./StakingAsset.js";

/**
 * Registry + StakingEscrow over the testnet staking token (the StakingAsset module).
 * Parameters (defaults: `STAKING_DEFAULTS`, src/system/rollupDefaults.ts): owner (default: the deployer; the
 * Governance timelock takes over later), minimumStake,
 * ejectionThreshold (≤ minimumStake), exitDelay (seconds; longer than the proof submission window plus the
 * slashing window). The token's own parameters are the StakingAsset module's.
 * Rollups are added by the module that deploys them (Registry.addRollup, then StakingEscrow.addRollup).
 */
export default buildModule("Staking", (m) => {
  const { stakingAsset } = m.useModule(StakingAssetModule);
  const owner = m.getParameter("owner", m.getAccount(0));
  const registry = m.contract("Registry", [owner]);
  const stakingEscrow = m.contract("StakingEscrow", [
    stakingAsset,
    registry,
    owner,
    m.getParameter("minimumStake", STAKING_DEFAULTS.minimumStake),
    m.getParameter("ejectionThreshold", STAKING_DEFAULTS.ejectionThreshold),
    m.getParameter("exitDelay", STAKING_DEFAULTS.exitDelay),
  ]);
  return { stakingAsset, registry, stakingEscrow };
});
