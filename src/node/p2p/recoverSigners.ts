import { createRequire } from "node:module";
import { type Address, type Hex, getAddress, hashTypedData, hexToBytes, keccak256, toHex } from "viem";
import { type AttestationDomain, attestationTypedDataOf } from "../../sequencer/attestations.js";

/** libsecp256k1 through the `secp256k1` package (its N-API prebuild; it falls back to a JS curve without one). */
const secp256k1 = createRequire(import.meta.url)("secp256k1") as {
  ecdsaRecover: (signature: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean) => Uint8Array;
};

/** secp256k1's group order halved: a larger `s` is the malleated twin of a valid signature, which L1 refuses. */
const HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/**
 * The signer of each of `signatures` over `headerHash`'s attestation (EIP-712 digest computed once for all),
 * or undefined for a signature that does not recover: not 65 bytes, a `v` other than 27/28 (or 0/1), a high `s`
 * (OpenZeppelin's ECDSA, as the Rollup uses it, refuses those), or no point. Native recovery takes about 0.1 ms
 * a signature where viem's JS curve takes 2–3 ms: every node checks every attestation before forwarding it.
 */
export function recoverAttesters(
  domain: AttestationDomain,
  headerHash: Hex,
  signatures: readonly Hex[],
): (Address | undefined)[] {
  const digest = hexToBytes(hashTypedData(attestationTypedDataOf(domain, headerHash)));
  return signatures.map((signature) => recoverSigner(digest, signature));
}

function recoverSigner(digest: Uint8Array, signature: Hex): Address | undefined {
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) return undefined;
  const bytes = hexToBytes(signature);
  const v = bytes[64];
  const recid = v >= 27 ? v - 27 : v;
  if (recid !== 0 && recid !== 1) return undefined;
  if (BigInt(toHex(bytes.subarray(32, 64))) > HALF_ORDER) return undefined;
  try {
    const publicKey = secp256k1.ecdsaRecover(bytes.subarray(0, 64), recid, digest, false);
    return getAddress(`0x${keccak256(publicKey.subarray(1)).slice(26)}`);
  } catch {
    return undefined; // r or s out of range, or no point recovers
  }
}
