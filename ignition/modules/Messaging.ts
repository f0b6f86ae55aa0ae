import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { INBOX_DEFAULTS } from "../../src/system/rollupDefaults.js";

/**
 * The Inbox (L1→L2 messages) a Rollup consumes, and the reward pool its proofs pay from.
 * Parameters (defaults: `INBOX_DEFAULTS`, src/system/rollupDefaults.ts): `inboxHeight` (tree height: 2^height messages per L2 block, default 5), `maxPendingTrees`
 * (trees that may wait ahead of the last consumed one, default 16), `rollupVersion` (default 1), `messageFee`
 * (wei per message paid to `owner`, default 0.0001 ETH), `rewardAsset`
 * (the ERC-20 rewards are paid in), `owner` (the pool's owner, default the deployer).
 * The composing module then deploys the Rollup with `inbox` and `proofs.rewardPool` from here, calls
 * `inbox.bindRollup(rollup)` and `rewardPool.setRollupAuthorized(rollup, true)`, and deploys
 * `Outbox(rollup)`.
 */
export default buildModule("Messaging", (m) => {
  const owner = m.getParameter("owner", m.getAccount(0));
  const inbox = m.contract("Inbox", [
    m.getParameter("inboxHeight", INBOX_DEFAULTS.height),
    m.getParameter("maxPendingTrees", INBOX_DEFAULTS.maxPendingTrees),
    m.getParameter("rollupVersion", INBOX_DEFAULTS.rollupVersion),
    m.getParameter("messageFee", INBOX_DEFAULTS.messageFee),
    owner, // receives the message fees
  ]);
  const rewardPool = m.contract("RewardPool", [m.getParameter<string>("rewardAsset"), owner]);
  return { inbox, rewardPool };
});
