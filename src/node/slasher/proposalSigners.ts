import { type Address, type Hex, type PublicClient, decodeFunctionData, getAddress, sliceHex } from "viem";
import { rollupAbi } from "../../chain/abi.js";

/**
 * The committee members whose attestations a `propose` transaction carried (its signer bitmap over the packed
 * committee), read from L1 by transaction hash; empty when the transaction is not a `propose`.
 */
export async function proposalSigners(publicClient: PublicClient, txHash: Hex): Promise<Set<Address>> {
  const signers = new Set<Address>();
  const tx = await publicClient.getTransaction({ hash: txHash });
  const { functionName, args } = decodeFunctionData({ abi: rollupAbi, data: tx.input });
  if (functionName !== "propose") return signers;
  const [, attestations, packed] = args;
  for (let i = 0; i * 20 < (packed.length - 2) / 2; i++)
    if ((attestations.signerBitmap >> BigInt(i)) & 1n) signers.add(getAddress(sliceHex(packed, i * 20, i * 20 + 20)));
  return signers;
}
