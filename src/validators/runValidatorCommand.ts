import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import type { Address } from "viem";
import { parseAddressOption, resolveEscrowAddress } from "./resolveEscrowAddress.js";

/** What a validators command receives: a connection to `--network`, the escrow address and the sender. */
export type ValidatorCommandContext = {
  connection: NetworkConnection;
  escrow: Address;
  /** `--from` if given, else the network's first account. */
  account: (from: string) => Promise<Address>;
};

/**
 * Runs a validators command: connects to `--network`, resolves the StakingEscrow address, prints the body's
 * result, and turns any error into one line on stderr with a non-zero exit code (never a stack trace).
 */
export async function runValidatorCommand(
  hre: HardhatRuntimeEnvironment,
  escrowOption: string,
  body: (context: ValidatorCommandContext) => Promise<string>,
): Promise<void> {
  try {
    const connection = await hre.network.create();
    const chainId = await (await connection.viem.getPublicClient()).getChainId();
    const escrow = await resolveEscrowAddress(escrowOption, chainId);
    const account = async (from: string) => {
      if (from !== "") return parseAddressOption(from, "from");
      const [wallet] = await connection.viem.getWalletClients();
      return wallet.account.address;
    };
    console.log(await body({ connection, escrow, account }));
  } catch (error) {
    const e = error as { shortMessage?: string; message?: string };
    console.error(`error: ${(e.shortMessage ?? e.message ?? String(error)).split("\n")[0]}`);
    process.exitCode = 1;
  }
}
