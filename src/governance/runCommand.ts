import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { Address } from "viem";
import { type DeployedCommandContext, runDeployedCommand } from "../cli/runDeployedCommand.js";

/** What a governance command receives: the Governance address in place of `address`. */
export type CommandContext = Omit<DeployedCommandContext, "address"> & { governance: Address };

/** Runs a governance command against the Governance named by `--governance` or the chain's Ignition deployment. */
export async function runCommand(
  hre: HardhatRuntimeEnvironment,
  governanceOption: string,
  body: (context: CommandContext) => Promise<string>,
): Promise<void> {
  await runDeployedCommand(hre, { contract: "Governance", option: "governance" }, governanceOption, (context) =>
    body({ connection: context.connection, account: context.account, governance: context.address }),
  );
}
