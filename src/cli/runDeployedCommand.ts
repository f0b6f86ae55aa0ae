import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import type { Address } from "viem";
import { CommandError } from "./CommandError.js";
import { parseAddress } from "./parseAddress.js";
import { type DeployedContract, resolveDeployedAddress } from "./resolveDeployedAddress.js";

/** What a command receives: a connection to `--network`, the target contract's address and the sender. */
export type DeployedCommandContext = {
  connection: NetworkConnection;
  address: Address;
  /** `--from` if given, else the network's first account. */
  account: (from: string) => Promise<Address>;
};

/**
 * Runs a command against one deployed contract: connects to `--network`, resolves the contract's address (its
 * option, else the chain's Ignition deployment), prints the body's result, and turns any error into one line on
 * stderr with a non-zero exit code (never a stack trace).
 */
export async function runDeployedCommand(
  hre: HardhatRuntimeEnvironment,
  target: DeployedContract,
  optionValue: string,
  body: (context: DeployedCommandContext) => Promise<string>,
): Promise<void> {
  try {
    const connection = await hre.network.create();
    const chainId = await (await connection.viem.getPublicClient()).getChainId();
    const address = await resolveDeployedAddress(target, optionValue, chainId);
    const account = async (from: string) => {
      if (from !== "") return parseAddress(from, "from");
      const [wallet] = await connection.viem.getWalletClients();
      return wallet.account.address;
    };
    console.log(await body({ connection, address, account }));
  } catch (error) {
    const e = error as { shortMessage?: string; message?: string };
    const message = error instanceof CommandError ? error.message : (e.shortMessage ?? e.message);
    console.error(`error: ${(message ?? String(error)).split("\n")[0]}`);
    process.exitCode = 1;
  }
}
