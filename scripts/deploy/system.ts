/**
 * `npx hardhat deploy:system --phase phase2 --network localhost`: deploys the whole system (ignition/modules/System.ts)
 * with `ignition/parameters/<phase>.json` and prints the addresses. On a real network Ignition records the
 * deployment in `ignition/deployments/chain-<id>/` (resumable; the governance commands read their addresses
 * from it). Same as `npx hardhat ignition deploy ignition/modules/System.ts --parameters …`. `--parameters f.json`
 * overrides the phase's values module by module (e.g. ignition/parameters/overrides/short-rounds.json).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import SystemModule from "../../ignition/modules/System.js";
import { readIgnitionParameters, readParametersFile, withOverrides } from "../../src/cli/readIgnitionParameters.js";
import { runCommandLine } from "../../src/cli/runCommandLine.js";
import { withLocalTestVerifier } from "../../src/deploy/withTestVerifier.js";

export default async function (args: { phase: string; parameters: string }, hre: HardhatRuntimeEnvironment) {
  await runCommandLine(async () => {
    const phase = await readIgnitionParameters(args.phase);
    const overrides = args.parameters === "" ? {} : await readParametersFile(args.parameters);
    const connection = await hre.network.create();
    const parameters = await withLocalTestVerifier(connection, withOverrides(phase, overrides));
    // Ignition's live UI on a terminal; piped into a file or CI, only the addresses.
    const displayUi = process.stdout.isTTY === true;
    const deployed = await connection.ignition.deploy(SystemModule, { parameters, displayUi });
    return Object.entries(deployed)
      .map(([name, contract]) => `${name.padEnd(20)} ${contract.address}`)
      .join("\n");
  });
}
