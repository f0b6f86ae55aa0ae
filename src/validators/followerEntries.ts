import type { Address } from "viem";
import type { ValidatorEntry } from "./readValidatorList.js";

/** Onboarding entries for `attesters` that follow the canonical rollup, all withdrawable by `withdrawer`. */
export function followerEntries(attesters: readonly Address[], withdrawer: Address): ValidatorEntry[] {
  return attesters.map((attester) => ({ attester, withdrawer, followCanonical: true }));
}
