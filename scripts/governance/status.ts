import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { GOVERNANCE, runDeployedCommand } from "../../src/cli/runDeployedCommand.js";
import { formatGovernanceStatus, governanceStatus } from "../../src/governance/governanceStatus.js";

export default async function (args: { governance: string }, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, GOVERNANCE, args.governance, async ({ connection, address: governance }) =>
    formatGovernanceStatus(await governanceStatus(connection, { governance })),
  );
}
