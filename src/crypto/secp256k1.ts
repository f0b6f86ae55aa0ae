import { createRequire } from "node:module";
import { type Address, type Hex, getAddress, hexToBytes, keccak256, toHex } from "viem";

/**
 * libsecp256k1 through the `secp256k1` package (its N-API prebuild; it falls back to a JS curve without one).
 * A signature takes ≈ 0.1 ms here where viem's JavaScript curve takes 1–3 ms: every node signs its committee
 * seats' attestations and checks every attestation it forwards, so this is on each slot's critical path.
 */
const native = createRequire(import.meta.url)("secp256k1") as {
  ecdsaSign: (msg32: Uint8Array, privateKey: Uint8Array) => { signature: Uint8Array; recid: number };
  ecdsaRecover: (signature: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean) => Uint8Array;
};

/** secp256k1's group order halved: a larger `s` is the malleated twin of a valid signature, which L1 refuses. */
const HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/**
 * Signs a 32-byte digest as viem's `sign({ hash })` does, byte for byte: RFC 6979 nonce, low `s`, `r ‖ s ‖ v`
 * with v = 27 + the recovery id.
 */
export function signDigest(digest: Hex, privateKey: Hex): Hex {
  const { signature, recid } = native.ecdsaSign(hexToBytes(digest), hexToBytes(privateKey));
  const out = new Uint8Array(65);
  out.set(signature);
  out[64] = 27 + recid;
  return toHex(out);
}

/**
 * The address that signed `digest` with `signature`, or undefined for a signature that does not recover: not
 * 65 bytes, a `v` other than 27/28 (or 0/1), a high `s` (OpenZeppelin's ECDSA, as the Rollup uses it, refuses
 * those), or no point.
 */
export function recoverDigestSigner(digest: Uint8Array, signature: Hex): Address | undefined {
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) return undefined;
  const bytes = hexToBytes(signature);
  const v = bytes[64];
  const recid = v >= 27 ? v - 27 : v;
  if (recid !== 0 && recid !== 1) return undefined;
  if (BigInt(toHex(bytes.subarray(32, 64))) > HALF_ORDER) return undefined;
  try {
    const publicKey = native.ecdsaRecover(bytes.subarray(0, 64), recid, digest, false);
    return getAddress(`0x${keccak256(publicKey.subarray(1)).slice(26)}`);
  } catch {
    return undefined; // r or s out of range, or no point recovers
  }
}
