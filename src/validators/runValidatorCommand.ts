import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import type { Address } from "viem";
import { runDeployedCommand } from "../cli/runDeployedCommand.js";

/** What a validators command receives: a connection to `--network`, the escrow address and the sender. */
export type ValidatorCommandContext = {
  connection: NetworkConnection;
  escrow: Address;
  /** `--from` if given, else the network's first account. */
  account: (from: string) => Promise<Address>;
};

/** Runs a validators command against the StakingEscrow named by `--escrow` or the chain's Ignition deployment. */
export async function runValidatorCommand(
  hre: HardhatRuntimeEnvironment,
  escrowOption: string,
  body: (context: ValidatorCommandContext) => Promise<string>,
): Promise<void> {
  await runDeployedCommand(hre, { contract: "StakingEscrow", option: "escrow" }, escrowOption, (context) =>
    body({ connection: context.connection, escrow: context.address, account: context.account }),
  );
}
