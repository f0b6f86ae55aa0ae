import { encodeAbiParameters, keccak256, type Hex, type PrivateKeyAccount } from "viem";
import { nativeAccount } from "../crypto/nativeAccount.js";

/** Deterministic validator keys of test and simulated networks: `keccak256(abi.encode("sp-testnet validator", i))`. */
export function validatorKey(index: number): Hex {
  return keccak256(
    encodeAbiParameters([{ type: "string" }, { type: "uint256" }], ["sp-testnet validator", BigInt(index)]),
  );
}

const accountCache = new Map<number, PrivateKeyAccount>();

/** The local account of validator `index`, signing natively (cached: deriving thousands of keys takes seconds). */
export function validatorAccount(index: number): PrivateKeyAccount {
  let account = accountCache.get(index);
  if (account === undefined) {
    account = nativeAccount(validatorKey(index));
    accountCache.set(index, account);
  }
  return account;
}

/** The index of `address` among validators `0..count-1`, or -1 when it is none of them. */
export function validatorIndexOf(address: string, count: number): number {
  const wanted = address.toLowerCase();
  for (let i = 0; i < count; i++) if (validatorAccount(i).address.toLowerCase() === wanted) return i;
  return -1;
}
