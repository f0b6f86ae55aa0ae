import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import type { Address } from "viem";
import { resolveGovernanceAddress } from "./resolveGovernanceAddress.js";
import { parseAddress } from "./parseAddress.js";
import { CommandError } from "../cli/CommandError.js";

/** What a governance command receives: a connection to `--network`, the Governance address and the sender. */
export type CommandContext = {
  connection: NetworkConnection;
  governance: Address;
  /** `--from` if given, else the network's first account. */
  account: (from: string) => Promise<Address>;
};

/**
 * Runs a governance command: connects to the `--network`, resolves the Governance address, and turns any error
 * into one line on stderr with a non-zero exit code (never a stack trace).
 */
export async function runCommand(
  hre: HardhatRuntimeEnvironment,
  governanceOption: string,
  body: (context: CommandContext) => Promise<string>,
): Promise<void> {
  try {
    const connection = await hre.network.create();
    const chainId = await (await connection.viem.getPublicClient()).getChainId();
    const governance = await resolveGovernanceAddress(governanceOption, chainId);
    const account = async (from: string) => {
      if (from !== "") return parseAddress(from, "from");
      const [wallet] = await connection.viem.getWalletClients();
      return wallet.account.address;
    };
    console.log(await body({ connection, governance, account }));
  } catch (error) {
    const e = error as { shortMessage?: string; message?: string };
    const message = error instanceof CommandError ? error.message : (e.shortMessage ?? e.message);
    console.error(`error: ${(message ?? String(error)).split("\n")[0]}`);
    process.exitCode = 1;
  }
}
