import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ArgumentType, Future, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { zeroAddress } from "viem";

/** Defaults of the slashing parameters (docs/SLASHING.md "Parameters"). */
export const SLASHING_DEFAULTS = {
  /** M: two epochs of 32 slots (a multiple of the epoch length, checked by the SlashingProposer). */
  roundSize: 64n,
  /** N: a strict majority of M. */
  quorumSize: 33n,
  lifetimeInRounds: 4n,
  /** The veto window: one full round after the round. */
  executionDelayInRounds: 1n,
  maxPauseDuration: 3n * 86_400n,
  /** 10 tokens (the phases' minimum stake is 100). */
  equivocationAmount: 10n * 10n ** 18n,
};

/**
 * Adds the slashing contracts (SPEC section 8, docs/SLASHING.md) to a module: the SlashPayloadFactory, the Slasher
 * of `rollup` (constructed with no proposer) and the SlashingProposer on `registry` (which must already have
 * `rollup` canonical: the proposer reads its epoch length, so pass the registration in `after`), then names the
 * proposer in the Slasher (`initializeProposer`, the deployer once). Making the Slasher the Rollup's slasher is the
 * caller's: `Rollup.setSlasher` by the Rollup's owner (the System module does it while the deployer still owns the
 * Rollup; on a running system the timelock does it through a proposal).
 *
 * Parameters (of the calling module): slashVetoer (default none: the Slasher then takes its `owner`, the timelock,
 * as vetoer; name a faster vetoer, e.g. a multisig, where the phase wants one), slashSink (default none: the
 * owner), slashRoundSize,
 * slashQuorumSize, slashLifetimeInRounds, slashExecutionDelayInRounds, slashMaxPauseDuration (seconds),
 * slashEquivocationAmount (token units); defaults `SLASHING_DEFAULTS`.
 */
export function addSlashing(
  m: IgnitionModuleBuilder,
  parts: { registry: ArgumentType; rollup: ArgumentType; owner: ArgumentType; after?: Future[] },
) {
  const factory = m.contract("SlashPayloadFactory");
  const slasher = m.contract("Slasher", [
    {
      rollup: parts.rollup,
      factory,
      proposer: zeroAddress, // named below: the proposer names the Slasher, so one of the two comes first
      vetoer: m.getParameter<string>("slashVetoer", zeroAddress), // zero: the owner (Slasher constructor)
      sink: m.getParameter<string>("slashSink", zeroAddress), // zero: the owner
      owner: parts.owner,
      maxPauseDuration: m.getParameter("slashMaxPauseDuration", SLASHING_DEFAULTS.maxPauseDuration),
      equivocationAmount: m.getParameter("slashEquivocationAmount", SLASHING_DEFAULTS.equivocationAmount),
    },
  ]);
  const slashingProposer = m.contract(
    "SlashingProposer",
    [
      parts.registry,
      slasher,
      m.getParameter("slashQuorumSize", SLASHING_DEFAULTS.quorumSize),
      m.getParameter("slashRoundSize", SLASHING_DEFAULTS.roundSize),
      m.getParameter("slashLifetimeInRounds", SLASHING_DEFAULTS.lifetimeInRounds),
      m.getParameter("slashExecutionDelayInRounds", SLASHING_DEFAULTS.executionDelayInRounds),
    ],
    { after: parts.after ?? [] },
  );
  const named = m.call(slasher, "initializeProposer", [slashingProposer]);
  return { slashPayloadFactory: factory, slasher, slashingProposer, named };
}

/**
 * The slashing contracts for an existing system (parameters `registry`, `rollup` and `owner`, the timelock, plus
 * those of `addSlashing`). The Rollup's owner then makes the Slasher its slasher (`Rollup.setSlasher`).
 */
export default buildModule("Slashing", (m) => {
  const { slashPayloadFactory, slasher, slashingProposer } = addSlashing(m, {
    registry: m.getParameter<string>("registry"),
    rollup: m.getParameter<string>("rollup"),
    owner: m.getParameter<string>("owner"),
  });
  return { slashPayloadFactory, slasher, slashingProposer };
});
