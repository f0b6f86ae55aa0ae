import type { ArgumentType, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { keccak256, toHex, zeroAddress } from "viem";

/**
 * Deploys a Rollup with its Inbox and Outbox inside the calling module, from that module's parameters:
 * genesisTime (0 = deployment block), slotDuration (36), epochDuration (32), targetCommitteeSize (16),
 * bootstrap (false), genesisArchive, slasher (default none: the owner sets one), verifier (required:
 * the address of an IVerifier; local deployments use the test-only TestVerifier module), proofSubmissionEpochs (1),
 * rewardPool, blockReward, proverReward (default: no rewards), inboxHeight (5), maxPendingTrees (16),
 * rollupVersion (1), messageFee (0.0001 ETH per L1→L2 message: the spam bound; paid to the Rollup's owner). The Inbox is bound to the Rollup in the same deployment, so no one else can bind it.
 */
/** Wei per L1→L2 message: 512 messages (16 pending trees of 32) cost 0.05 ETH to fill, 32 per slot to keep full. */
export const DEFAULT_MESSAGE_FEE = 10n ** 14n;

export function addRollupParts(m: IgnitionModuleBuilder, escrow: ArgumentType, owner: ArgumentType) {
  const inbox = m.contract("Inbox", [
    m.getParameter("inboxHeight", 5n),
    m.getParameter("maxPendingTrees", 16n),
    m.getParameter("rollupVersion", 1n),
    m.getParameter("messageFee", DEFAULT_MESSAGE_FEE),
    owner, // message fees go to the Rollup's owner (the timelock in the System module)
  ]);
  const rollup = m.contract("Rollup", [
    {
      escrow,
      genesisTime: m.getParameter("genesisTime", 0n),
      slotDuration: m.getParameter("slotDuration", 36n),
      epochDuration: m.getParameter("epochDuration", 32n),
      targetCommitteeSize: m.getParameter("targetCommitteeSize", 16n),
      bootstrap: m.getParameter("bootstrap", false),
      genesisArchive: m.getParameter("genesisArchive", keccak256(toHex("sp-testnet genesis"))),
      slasher: m.getParameter("slasher", zeroAddress), // none unless named (audit F-7); governance can set one
      owner,
      proofs: {
        verifier: m.getParameter<string>("verifier"),
        proofSubmissionEpochs: m.getParameter("proofSubmissionEpochs", 1n),
        rewardPool: m.getParameter("rewardPool", zeroAddress),
        blockReward: m.getParameter("blockReward", 0n),
        proverReward: m.getParameter("proverReward", 0n),
      },
      inbox,
    },
  ]);
  m.call(inbox, "bindRollup", [rollup]);
  const outbox = m.contract("Outbox", [rollup]);
  return { rollup, inbox, outbox };
}
