import type { Address, ContractFunctionReturnType, PublicClient } from "viem";
import { rollupAbi } from "./abi.js";
import { type SlotClock, slotClockOf } from "./time.js";

/** Everything `Rollup.getConfig()` returns (`RollupConfig` in IRollup.sol), typed from the ABI. */
export type RollupConfig = ContractFunctionReturnType<typeof rollupAbi, "view", "getConfig">;

/** A Rollup's configuration as read once, with its slot clock. */
export type ReadRollupConfigReturnType = Readonly<RollupConfig> & { readonly clock: SlotClock };

/**
 * Reads `getConfig()` of `rollup` once and freezes it: the clock, committee, genesis, proofs and Inbox are
 * immutables of the contract, so a reader keeps this value for the Rollup's life. (`slasher` and `owner` are the
 * values at the time of the read: the owner may change them.)
 */
export async function readRollupConfig(client: PublicClient, rollup: Address): Promise<ReadRollupConfigReturnType> {
  const config = await client.readContract({ address: rollup, abi: rollupAbi, functionName: "getConfig" });
  return Object.freeze({ ...config, proofs: Object.freeze({ ...config.proofs }), clock: slotClockOf(config) });
}
