import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The Inbox (L1→L2 messages) a Rollup consumes, and the reward pool its proofs pay from.
 * Parameters: `inboxHeight` (tree height: 2^height messages per L2 block, default 5), `maxPendingTrees`
 * (trees that may wait ahead of the last consumed one, default 16), `rollupVersion` (default 1), `rewardAsset`
 * (the ERC-20 rewards are paid in), `owner` (the pool's owner, default the deployer).
 * The composing module then deploys the Rollup, calls `rollup.initializeProofs({verifier, proofSubmissionEpochs,
 * rewardPool, blockReward, proverReward}, inbox)`, `inbox.bindRollup(rollup)` and
 * `rewardPool.setRollupAuthorized(rollup, true)`, and deploys `Outbox(rollup)`.
 */
export default buildModule("Messaging", (m) => {
  const inbox = m.contract("Inbox", [
    m.getParameter("inboxHeight", 5n),
    m.getParameter("maxPendingTrees", 16n),
    m.getParameter("rollupVersion", 1n),
  ]);
  const rewardPool = m.contract("RewardPool", [
    m.getParameter<string>("rewardAsset"),
    m.getParameter("owner", m.getAccount(0)),
  ]);
  return { inbox, rewardPool };
});
