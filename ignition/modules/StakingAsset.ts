import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The testnet staking token (TestStakingAsset): owner-minted, with a rate-limited faucet.
 * Parameters: name, symbol, owner (default: the deployer), faucetAmount, faucetCooldown (seconds).
 */
export default buildModule("StakingAsset", (m) => {
  const stakingAsset = m.contract("TestStakingAsset", [
    m.getParameter("name", "Staking Asset"),
    m.getParameter("symbol", "STK"),
    m.getParameter("owner", m.getAccount(0)),
    m.getParameter("faucetAmount", 100n * 10n ** 18n),
    m.getParameter("faucetCooldown", 86_400n),
  ]);
  return { stakingAsset };
});
