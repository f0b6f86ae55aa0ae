import type { Address, Hex, TypedDataDefinition } from "viem";

/** The EIP-712 type an attester signs to consent to being staked (`StakeConsentLib`, audit F-4). */
export const stakeConsentTypes = {
  StakeConsent: [
    { name: "attester", type: "address" },
    { name: "withdrawer", type: "address" },
    { name: "rollup", type: "address" },
    { name: "followCanonical", type: "bool" },
  ],
} as const;

export type StakeConsent = {
  /** Chain id and escrow address: the EIP-712 domain (`StakingEscrow`, version 1). */
  chainId: number | bigint;
  escrow: Address;
  attester: Address;
  withdrawer: Address;
  /** The rollup the stake goes through: the calling rollup for `deposit`, the canonical one for `addValidators`. */
  rollup: Address;
  followCanonical: boolean;
};

/** The typed data of a consent, as `StakingEscrow.stakeConsentDigest` hashes it. */
export function stakeConsentTypedData(c: StakeConsent): TypedDataDefinition<typeof stakeConsentTypes, "StakeConsent"> {
  return {
    domain: { name: "StakingEscrow", version: "1", chainId: BigInt(c.chainId), verifyingContract: c.escrow },
    types: stakeConsentTypes,
    primaryType: "StakeConsent",
    message: {
      attester: c.attester,
      withdrawer: c.withdrawer,
      rollup: c.rollup,
      followCanonical: c.followCanonical,
    },
  };
}

/** Anything that signs EIP-712 data as the attester: a local account, or a wallet client wrapped to one. */
export type ConsentSigner = {
  address: Address;
  signTypedData: (typedData: ReturnType<typeof stakeConsentTypedData>) => Promise<Hex>;
};

/** The attester's signature over its consent (65 bytes), what a participant submits with its address. */
export async function signStakeConsent(signer: ConsentSigner, consent: Omit<StakeConsent, "attester">): Promise<Hex> {
  return signer.signTypedData(stakeConsentTypedData({ ...consent, attester: signer.address }));
}
