import type { network } from "hardhat";
import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import type { RollupSystem } from "../../src/system/RollupSystem.js";
import { RollupSystemBuilder } from "../../src/system/RollupSystemBuilder.js";

export type Connection = Awaited<ReturnType<typeof network.create>>;

/** The usual propose-test system: 48 validators, committees of 16, time at the start of `epoch`, its committee set up. */
export async function system48AtEpoch(connection: Connection, epoch: bigint): Promise<RollupSystem> {
  const system = await new RollupSystemBuilder(connection).withValidators(48).withCommitteeSize(16).build();
  await system.warpToEpoch(epoch);
  await system.rollup.write.setupEpoch();
  return system;
}

/** Names of the custom errors the Rollup's ABI declares. */
export type RollupErrorName = Extract<ContractReturnType<"Rollup">["abi"][number], { type: "error" }>["name"];
