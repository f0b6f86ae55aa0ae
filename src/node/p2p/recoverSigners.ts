import { type Address, type Hex, hashTypedData, hexToBytes } from "viem";
import { recoverDigestSigner } from "../../crypto/secp256k1.js";
import { type AttestationDomain, attestationTypedDataOf } from "../../sequencer/attestations.js";

/**
 * The signer of each of `signatures` over `headerHash`'s attestation (EIP-712 digest computed once for all),
 * or undefined for a signature that does not recover (see `recoverDigestSigner`: natively, as every node checks
 * every attestation before forwarding it).
 */
export function recoverAttesters(
  domain: AttestationDomain,
  headerHash: Hex,
  signatures: readonly Hex[],
): (Address | undefined)[] {
  const digest = hexToBytes(hashTypedData(attestationTypedDataOf(domain, headerHash)));
  return signatures.map((signature) => recoverDigestSigner(digest, signature));
}
