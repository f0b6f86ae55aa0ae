import { concat, size, type Address, type Hex, type LocalAccount } from "viem";
import { hashHeader, type L2Header } from "./header.js";
import { InvalidParameterError } from "../errors/BaseError.js";

/** The `Attestations` argument of `Rollup.propose`. */
export type EncodedAttestations = { signerBitmap: bigint; signatures: Hex };

export type AttestationDomain = { chainId: number; rollup: Address };

/** EIP-712 typed data a committee member signs for `header` (mirrors `AttestationLib.digest`). */
export function attestationTypedData(domain: AttestationDomain, header: L2Header) {
  return attestationTypedDataOf(domain, hashHeader(header));
}

/** The same typed data from the header's hash (what equivocation evidence carries). */
export function attestationTypedDataOf({ chainId, rollup }: AttestationDomain, headerHash: Hex) {
  return {
    domain: { name: "sp-testnet Rollup", version: "1", chainId, verifyingContract: rollup },
    types: { ProposalAttestation: [{ name: "headerHash", type: "bytes32" }] },
    primaryType: "ProposalAttestation",
    message: { headerHash },
  } as const;
}

/** floor(2n/3) + 1: signatures needed from a committee of n. */
export function requiredAttestations(committeeSize: number): number {
  return Math.floor((2 * committeeSize) / 3) + 1;
}

export type SignAttestationsParameters = AttestationDomain & {
  header: L2Header;
  committee: readonly Address[];
  /** Keys of the members that sign (any subset of the committee, in any order). */
  signers: readonly LocalAccount[];
};

/** Committee members sign the header; returns the tight encoding (bitmap + packed signatures in index order). */
export async function signAttestations(params: SignAttestationsParameters): Promise<EncodedAttestations> {
  const typedData = attestationTypedData(params, params.header);
  const byIndex = new Map<number, Hex>();
  for (const signer of params.signers) {
    const index = params.committee.findIndex((m) => m.toLowerCase() === signer.address.toLowerCase());
    if (index < 0) {
      throw new InvalidParameterError("signAttestations: a signer is not in the committee.", {
        expected: "a committee member",
        given: signer.address,
      });
    }
    if (signer.signTypedData === undefined) {
      throw new InvalidParameterError("signAttestations: a signer cannot sign typed data.", {
        expected: "an account with signTypedData",
        given: signer.address,
      });
    }
    byIndex.set(index, await signer.signTypedData(typedData));
  }
  return encodeAttestations(byIndex);
}

/** Tight encoding of signatures keyed by committee index: bit i of the bitmap, 65-byte signatures in index order. */
export function encodeAttestations(signatures: ReadonlyMap<number, Hex>): EncodedAttestations {
  const indices = [...signatures.keys()].sort((a, b) => a - b);
  let signerBitmap = 0n;
  for (const index of indices) {
    if (!Number.isInteger(index) || index < 0 || index > 255) {
      throw new InvalidParameterError("encodeAttestations: a committee index is out of range.", {
        expected: "an integer in [0, 255]",
        given: String(index),
      });
    }
    const signature = signatures.get(index)!;
    if (size(signature) !== 65) {
      throw new InvalidParameterError("encodeAttestations: a signature has the wrong size.", {
        expected: "65 bytes",
        given: `${size(signature)} bytes`,
      });
    }
    signerBitmap |= 1n << BigInt(index);
  }
  return { signerBitmap, signatures: indices.length === 0 ? "0x" : concat(indices.map((i) => signatures.get(i)!)) };
}

/** The committee as packed 20-byte addresses (the `committee` argument of `Rollup.propose`). */
export function packCommittee(committee: readonly Address[]): Hex {
  return committee.length === 0 ? "0x" : concat([...committee]);
}
