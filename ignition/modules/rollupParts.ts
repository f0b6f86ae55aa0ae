import type { ArgumentType, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { INBOX_DEFAULTS, ROLLUP_DEFAULTS } from "../../src/system/rollupDefaults.js";

/**
 * Deploys a Rollup with its Inbox and Outbox inside the calling module, from that module's parameters (defaults:
 * `ROLLUP_DEFAULTS` and `INBOX_DEFAULTS`, src/system/rollupDefaults.ts): genesisTime (0 = deployment block),
 * slotDuration (36), epochDuration (32), targetCommitteeSize (16), bootstrap (false), genesisArchive, slasher
 * (default none: the owner sets one), verifier (required:
 * the address of an IVerifier; local deployments use the test-only TestVerifier module), proofSubmissionEpochs (1),
 * rewardPool, blockReward, proverReward (default: no rewards), inboxHeight (5), maxPendingTrees (16),
 * rollupVersion (1), messageFee (0.0001 ETH per L1→L2 message: the spam bound; paid to `owner`). The Inbox is bound to the Rollup in the same deployment, so no one else can bind it.
 * `rollupOwner` (default `owner`) owns the Rollup: the System module deploys it owned by the deployer, wires the
 * Slasher and hands it to `owner`.
 */
export function addRollupParts(
  m: IgnitionModuleBuilder,
  escrow: ArgumentType,
  owner: ArgumentType,
  rollupOwner: ArgumentType = owner,
) {
  const inbox = m.contract("Inbox", [
    m.getParameter("inboxHeight", INBOX_DEFAULTS.height),
    m.getParameter("maxPendingTrees", INBOX_DEFAULTS.maxPendingTrees),
    m.getParameter("rollupVersion", INBOX_DEFAULTS.rollupVersion),
    m.getParameter("messageFee", INBOX_DEFAULTS.messageFee),
    owner, // message fees go to the Rollup's owner (the timelock in the System module)
  ]);
  const rollup = m.contract("Rollup", [
    {
      escrow,
      genesisTime: m.getParameter("genesisTime", ROLLUP_DEFAULTS.genesisTime),
      slotDuration: m.getParameter("slotDuration", BigInt(ROLLUP_DEFAULTS.slotDuration)),
      epochDuration: m.getParameter("epochDuration", BigInt(ROLLUP_DEFAULTS.epochDuration)),
      targetCommitteeSize: m.getParameter("targetCommitteeSize", ROLLUP_DEFAULTS.targetCommitteeSize),
      bootstrap: m.getParameter<boolean>("bootstrap", ROLLUP_DEFAULTS.bootstrap),
      genesisArchive: m.getParameter<string>("genesisArchive", ROLLUP_DEFAULTS.genesisArchive),
      slasher: m.getParameter<string>("slasher", ROLLUP_DEFAULTS.slasher), // none unless named (audit F-7); the System module sets its Slasher
      owner: rollupOwner,
      proofs: {
        verifier: m.getParameter<string>("verifier"),
        proofSubmissionEpochs: m.getParameter("proofSubmissionEpochs", ROLLUP_DEFAULTS.proofs.proofSubmissionEpochs),
        rewardPool: m.getParameter<string>("rewardPool", ROLLUP_DEFAULTS.proofs.rewardPool),
        blockReward: m.getParameter("blockReward", ROLLUP_DEFAULTS.proofs.blockReward),
        proverReward: m.getParameter("proverReward", ROLLUP_DEFAULTS.proofs.proverReward),
      },
      inbox,
    },
  ]);
  m.call(inbox, "bindRollup", [rollup]);
  const outbox = m.contract("Outbox", [rollup]);
  return { rollup, inbox, outbox };
}
