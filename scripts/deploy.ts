/**
 * `npx hardhat deploy:system --phase phase2 --network localhost`: deploys the whole system (ignition/modules/System.ts)
 * with `ignition/parameters/<phase>.json` and prints the addresses. On a real network Ignition records the
 * deployment in `ignition/deployments/chain-<id>/` (resumable; the governance commands read their addresses
 * from it). Same as `npx hardhat ignition deploy ignition/modules/System.ts --parameters …`.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import SystemModule from "../ignition/modules/System.js";
import { readIgnitionParameters } from "../src/governance/readIgnitionParameters.js";

export default async function (args: { phase: string }, hre: HardhatRuntimeEnvironment) {
  try {
    const parameters = await readIgnitionParameters(args.phase);
    const connection = await hre.network.create();
    const deployed = await connection.ignition.deploy(SystemModule, { parameters, displayUi: true });
    for (const [name, contract] of Object.entries(deployed)) console.log(`${name.padEnd(20)} ${contract.address}`);
  } catch (error) {
    const e = error as { shortMessage?: string; message?: string };
    console.error(`error: ${(e.shortMessage ?? e.message ?? String(error)).split("\n")[0]}`);
    process.exitCode = 1;
  }
}
