import type { Address, Hex, LocalAccount } from "viem";

/** EIP-712 types of a relayed signal (GovernanceProposer.SIGNAL_TYPEHASH). */
export const SIGNAL_TYPES = {
  Signal: [
    { name: "payload", type: "address" },
    { name: "rollup", type: "address" },
    { name: "slot", type: "uint256" },
  ],
} as const;

/** Parameters of `signSignal`. */
export type SignSignalParameters = {
  /** The proposer's key (a sequencer signs with its attester key). */
  account: LocalAccount;
  chainId: number;
  governanceProposer: Address;
  payload: Address;
  rollup: Address;
  slot: bigint;
};

/**
 * Signs the EIP-712 `Signal(payload, rollup, slot)` a relayer submits with `signalWithSig`. The signature binds
 * the chain, the GovernanceProposer, the rollup and the slot, so it is valid in that one slot only.
 */
export async function signSignal({
  account,
  chainId,
  governanceProposer,
  payload,
  rollup,
  slot,
}: SignSignalParameters): Promise<Hex> {
  return account.signTypedData({
    domain: { name: "GovernanceProposer", version: "1", chainId, verifyingContract: governanceProposer },
    types: SIGNAL_TYPES,
    primaryType: "Signal",
    message: { payload, rollup, slot },
  });
}

/** EIP-712 types of a relayed slashing signal (SlashingProposer.SIGNAL_TYPEHASH). */
export const SLASH_SIGNAL_TYPES = {
  SlashSignal: [
    { name: "payload", type: "address" },
    { name: "rollup", type: "address" },
    { name: "slot", type: "uint256" },
  ],
} as const;

/** Parameters of `signSlashSignal`. */
export type SignSlashSignalParameters = Omit<SignSignalParameters, "governanceProposer"> & {
  slashingProposer: Address;
};

/**
 * Signs the EIP-712 `SlashSignal(payload, rollup, slot)` a relayer submits with `SlashingProposer.signalWithSig`
 * (domain `SlashingProposer`, version 1): valid for that chain, proposer contract, rollup and slot only.
 */
export async function signSlashSignal({
  account,
  chainId,
  slashingProposer,
  payload,
  rollup,
  slot,
}: SignSlashSignalParameters): Promise<Hex> {
  return account.signTypedData({
    domain: { name: "SlashingProposer", version: "1", chainId, verifyingContract: slashingProposer },
    types: SLASH_SIGNAL_TYPES,
    primaryType: "SlashSignal",
    message: { payload, rollup, slot },
  });
}
