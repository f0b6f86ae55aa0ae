import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { runCommand } from "../../src/governance/runCommand.js";
import { formatGovernanceStatus, governanceStatus } from "../../src/governance/governanceStatus.js";

export default async function (args: { governance: string }, hre: HardhatRuntimeEnvironment) {
  await runCommand(hre, args.governance, async ({ connection, governance }) =>
    formatGovernanceStatus(await governanceStatus(connection, { governance })),
  );
}
