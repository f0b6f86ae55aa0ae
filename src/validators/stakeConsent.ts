import {
  hashTypedData,
  hexToBytes,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type TypedDataDefinition,
  type WalletClient,
} from "viem";
import { stakingEscrowAbi } from "../chain/abi.js";
import { recoverDigestSigner } from "../crypto/secp256k1.js";
import type { ValidatorEntry } from "./readValidatorList.js";

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

/** A wallet client's account as a consent signer (e.g. a node's unlocked accounts). */
export function walletConsentSigner(wallet: WalletClient<Transport, Chain, Account>): ConsentSigner {
  return {
    address: wallet.account.address,
    signTypedData: (typedData) => wallet.signTypedData({ account: wallet.account, ...typedData }),
  };
}

/** The chain id and the rollup a bulk onboarding's consents name (`addValidators` stakes through the canonical). */
export async function bulkConsentTerms(publicClient: PublicClient, escrow: Address) {
  const [chainId, rollup] = await Promise.all([
    publicClient.getChainId(),
    publicClient.readContract({ address: escrow, abi: stakingEscrowAbi, functionName: "getFollowersRollup" }),
  ]);
  return { chainId, escrow, rollup };
}

/**
 * Onboarding entries signed by their attesters for `addValidators`: each attester consents to `withdrawer` and
 * to its follow flag (default: follow the canonical rollup), through the escrow's canonical rollup.
 */
export async function consentedEntries(args: {
  publicClient: PublicClient;
  escrow: Address;
  signers: readonly ConsentSigner[];
  withdrawer: Address;
  followCanonical?: (index: number) => boolean;
}): Promise<ValidatorEntry[]> {
  const terms = await bulkConsentTerms(args.publicClient, args.escrow);
  return Promise.all(
    args.signers.map(async (signer, i) => {
      const followCanonical = args.followCanonical?.(i) ?? true;
      const consent = { ...terms, withdrawer: args.withdrawer, followCanonical };
      const signature = await signStakeConsent(signer, consent);
      return { attester: signer.address, withdrawer: args.withdrawer, followCanonical, signature };
    }),
  );
}

/**
 * The address that signed `entry`'s consent under `terms` (the attester itself when it is valid), recovered as the
 * escrow's OpenZeppelin `ECDSA` recovers it: undefined for a `v` other than 27/28 or a high `s` (the malleated
 * twin), which the escrow refuses whoever signed. libsecp256k1 (src/crypto/secp256k1.ts): ≈ 0.16 ms a consent
 * where viem's `recoverTypedDataAddress` takes ≈ 1.6 ms, i.e. 5 s of a 3,000-validator onboarding.
 */
export function consentSigner(
  entry: ValidatorEntry & { signature: Hex },
  terms: { chainId: number | bigint; escrow: Address; rollup: Address },
): Address | undefined {
  const v = /^0x[0-9a-fA-F]{130}$/.test(entry.signature) ? parseInt(entry.signature.slice(130), 16) : -1;
  if (v !== 27 && v !== 28) return undefined;
  const digest = hashTypedData(stakeConsentTypedData({ ...terms, ...entry }));
  return recoverDigestSigner(hexToBytes(digest), entry.signature);
}
