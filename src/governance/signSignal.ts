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
export async function signSignal({ governanceProposer, ...p }: SignSignalParameters): Promise<Hex> {
  return signRoundSignal(p, { name: "GovernanceProposer", verifyingContract: governanceProposer, types: SIGNAL_TYPES });
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
export async function signSlashSignal({ slashingProposer, ...p }: SignSlashSignalParameters): Promise<Hex> {
  return signRoundSignal(p, {
    name: "SlashingProposer",
    verifyingContract: slashingProposer,
    types: SLASH_SIGNAL_TYPES,
  });
}

/** The one signing path of both proposers' relayed signals (`RoundSignalling`): domain `(name, "1", chainId, proposer)`. */
function signRoundSignal(
  { account, chainId, payload, rollup, slot }: Omit<SignSignalParameters, "governanceProposer">,
  kind: { name: string; verifyingContract: Address; types: typeof SIGNAL_TYPES | typeof SLASH_SIGNAL_TYPES },
): Promise<Hex> {
  const primaryType = Object.keys(kind.types)[0] as "Signal" | "SlashSignal";
  return account.signTypedData({
    domain: { name: kind.name, version: "1", chainId, verifyingContract: kind.verifyingContract },
    types: kind.types,
    primaryType,
    message: { payload, rollup, slot },
  } as Parameters<LocalAccount["signTypedData"]>[0]);
}
