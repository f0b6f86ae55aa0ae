import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import type { Address } from "viem";
import { runDeployedCommand } from "../cli/runDeployedCommand.js";

/** What a governance command receives: a connection to `--network`, the Governance address and the sender. */
export type CommandContext = {
  connection: NetworkConnection;
  governance: Address;
  /** `--from` if given, else the network's first account. */
  account: (from: string) => Promise<Address>;
};

/** Runs a governance command against the Governance named by `--governance` or the chain's Ignition deployment. */
export async function runCommand(
  hre: HardhatRuntimeEnvironment,
  governanceOption: string,
  body: (context: CommandContext) => Promise<string>,
): Promise<void> {
  await runDeployedCommand(hre, { contract: "Governance", option: "governance" }, governanceOption, (context) =>
    body({ connection: context.connection, governance: context.address, account: context.account }),
  );
}
