import {
  commitmentsToVersionedHashes,
  encodeFunctionData,
  parseGwei,
  type Address,
  type Hash,
  type Hex,
  type WalletClient,
} from "viem";
import { getKzg } from "../blob/kzg.js";
import { rollupAbi } from "../chain/abi.js";
import { InvalidParameterError } from "../errors/BaseError.js";
import type { L2Header } from "./header.js";
import type { EncodedAttestations } from "./attestations.js";

export type ProposeBlockParameters = {
  /** A wallet client with a local account (blob transactions are signed locally). */
  wallet: WalletClient;
  rollup: Address;
  header: L2Header;
  attestations: EncodedAttestations;
  /** Packed 20-byte committee addresses. */
  committee: Hex;
  /** The blobs to attach and their packed commitments (in the same order). */
  blobs: readonly Hex[];
  packedCommitments: Hex;
  /**
   * The blobs' commitments and KZG proofs, when already computed (`encodeBlobs`): the transaction's sidecars are
   * made of them. Without them viem computes both again from the blobs.
   */
  sidecars?: { commitments: readonly Hex[]; proofs: readonly Hex[] };
  /** Explicit gas limit: nodes refuse to estimate blob transactions. */
  gas?: bigint;
  maxFeePerBlobGas?: bigint;
};

/** Sends `Rollup.propose` as a type-3 (EIP-4844) transaction carrying the block's blobs. */
export async function proposeBlock(params: ProposeBlockParameters): Promise<Hash> {
  const account = params.wallet.account;
  if (account === undefined || account.type !== "local") {
    throw new InvalidParameterError("proposeBlock: a blob transaction is signed locally.", {
      expected: "a wallet with a local account",
      given: `an account of type ${account?.type}`,
    });
  }
  const data = encodeFunctionData({
    abi: rollupAbi,
    functionName: "propose",
    args: [params.header, params.attestations, params.committee, params.packedCommitments],
  });
  const n = params.blobs.length;
  const { sidecars } = params;
  if (sidecars !== undefined && (sidecars.commitments.length !== n || sidecars.proofs.length !== n)) {
    throw new InvalidParameterError("proposeBlock: one commitment and one proof per blob.", {
      expected: `${n} commitments and ${n} proofs`,
      given: `${sidecars.commitments.length} commitments and ${sidecars.proofs.length} proofs`,
    });
  }
  // Given `blobs` and `kzg`, viem computes the commitments and proofs; precomputed ones are handed over as the
  // transaction's sidecars and versioned hashes instead (nothing is computed twice).
  const blobFields =
    sidecars === undefined
      ? { blobs: [...params.blobs], kzg: getKzg() }
      : {
          sidecars: params.blobs.map((blob, i) => ({
            blob,
            commitment: sidecars.commitments[i],
            proof: sidecars.proofs[i],
          })),
          blobVersionedHashes: commitmentsToVersionedHashes({ commitments: [...sidecars.commitments] }),
        };
  return params.wallet.sendTransaction({
    account,
    chain: params.wallet.chain,
    to: params.rollup,
    data,
    ...blobFields,
    gas: params.gas ?? 3_000_000n,
    maxFeePerBlobGas: params.maxFeePerBlobGas ?? parseGwei("30"),
  });
}
