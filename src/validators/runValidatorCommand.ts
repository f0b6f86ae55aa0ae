import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { Address } from "viem";
import { type DeployedCommandContext, runDeployedCommand } from "../cli/runDeployedCommand.js";

/** What a validators command receives: the StakingEscrow address in place of `address`. */
export type ValidatorCommandContext = Omit<DeployedCommandContext, "address"> & { escrow: Address };

/** Runs a validators command against the StakingEscrow named by `--escrow` or the chain's Ignition deployment. */
export async function runValidatorCommand(
  hre: HardhatRuntimeEnvironment,
  escrowOption: string,
  body: (context: ValidatorCommandContext) => Promise<string>,
): Promise<void> {
  await runDeployedCommand(hre, { contract: "StakingEscrow", option: "escrow" }, escrowOption, (context) =>
    body({ connection: context.connection, account: context.account, escrow: context.address }),
  );
}
