/**
 * `npx hardhat deploy:rollup [--parameters file.json] [--deployment-id ID] --network localhost`: deploys the next
 * Rollup version (hard fork) over the system's StakingEscrow with the RollupVersion Ignition module, by default
 * with the canonical rollup's configuration; prints its addresses and the next step (the hard-fork payload).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { buildForDeployment } from "../../src/cli/buildForDeployment.js";
import { GOVERNANCE, runDeployedCommand } from "../../src/cli/runDeployedCommand.js";
import { readParametersFile } from "../../src/cli/readIgnitionParameters.js";
import { rollupVersionParameters } from "../../src/deploy/rollupVersionParameters.js";
import { deployRollupVersion } from "../../src/deploy/deployRollupVersion.js";
import { formatRollupVersion } from "../../src/deploy/formatRollupVersion.js";

type Args = { parameters: string; deploymentId: string; governance: string };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, GOVERNANCE, args.governance, async ({ connection, address: governance }) => {
    const overrides = args.parameters === "" ? {} : await readParametersFile(args.parameters);
    await buildForDeployment(hre);
    const parameters = await rollupVersionParameters(connection, { governance, overrides });
    const chainId = await (await connection.viem.getPublicClient()).getChainId();
    const deploymentId = args.deploymentId || `chain-${chainId}-rollup-v${parameters.rollupVersion}`;
    const deployed = await deployRollupVersion(connection, {
      parameters,
      deploymentId,
      displayUi: process.stdout.isTTY === true,
      onProgress: (line) => process.stderr.write(`${line}\n`),
    });
    return formatRollupVersion(deployed, deploymentId);
  });
}
