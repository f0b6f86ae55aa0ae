import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { DEFAULT_MESSAGE_FEE } from "./rollupParts.js";

/**
 * The Inbox (L1→L2 messages) a Rollup consumes, and the reward pool its proofs pay from.
 * Parameters: `inboxHeight` (tree height: 2^height messages per L2 block, default 5), `maxPendingTrees`
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
    m.getParameter("inboxHeight", 5n),
    m.getParameter("maxPendingTrees", 16n),
    m.getParameter("rollupVersion", 1n),
    m.getParameter("messageFee", DEFAULT_MESSAGE_FEE),
    owner, // receives the message fees
  ]);
  const rewardPool = m.contract("RewardPool", [m.getParameter<string>("rewardAsset"), owner]);
  return { inbox, rewardPool };
});
