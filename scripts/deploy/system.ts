/**
 * `npx hardhat deploy:system --phase phase2 [--deployment-id ID] [--parameters f.json] [--reset] [--json]
 * --network localhost`: deploys (or resumes) the whole system (ignition/modules/System.ts) with
 * `ignition/parameters/<phase>.json` under the Ignition deployment `chain-<chainId>-<id>` (id default: the
 * phase), built with the `production` profile (unless `--build-profile` says otherwise), and writes the addresses
 * to `deployments/<chainId>-<id>.json`. The logic is src/deploy/deploySystem.ts.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { buildForDeployment } from "../../src/cli/buildForDeployment.js";
import { readParametersFile } from "../../src/cli/readIgnitionParameters.js";
import { runCommandLine } from "../../src/cli/runCommandLine.js";
import { connectNetwork } from "../../src/cli/connectNetwork.js";
import { checkDeploymentArgs, deploySystem, formatDeployedSystem } from "../../src/deploy/deploySystem.js";

type Args = { phase: string; parameters: string; deploymentId: string; reset: boolean; json: boolean };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runCommandLine(async () => {
    const deploymentId = args.deploymentId === "" ? undefined : args.deploymentId;
    checkDeploymentArgs(args.phase, deploymentId); // before a build of minutes
    const overrides = args.parameters === "" ? {} : await readParametersFile(args.parameters);
    await buildForDeployment(hre);
    const connection = await connectNetwork(hre);
    const result = await deploySystem(connection, {
      phase: args.phase,
      overrides,
      deploymentId,
      reset: args.reset,
      // Ignition's live UI on a terminal only; piped into a file or CI, only the result
      displayUi: process.stdout.isTTY === true && !args.json,
      // otherwise a line every few seconds on stderr, so stdout keeps only the result
      onProgress: (line) => process.stderr.write(`${line}\n`),
    });
    return args.json ? JSON.stringify(result, null, 2) : formatDeployedSystem(result);
  });
}
