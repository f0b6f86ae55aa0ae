import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import { type Address, isAddressEqual } from "viem";
import { CommandError } from "./CommandError.js";
import { parseAddress } from "./parseAddress.js";
import { connectNetwork } from "./connectNetwork.js";
import { type DeployedContract, resolveDeployedAddress } from "./resolveDeployedAddress.js";
import { type CommandOutput, runCommandLine } from "./runCommandLine.js";

/** The contract the governance commands act on (`--governance`). */
export const GOVERNANCE: DeployedContract = { contract: "Governance", option: "governance" };
/** The contract the validators commands act on (`--escrow`). */
export const STAKING_ESCROW: DeployedContract = { contract: "StakingEscrow", option: "escrow" };

/** What a command receives: a connection to `--network`, the target contract's address and the sender. */
export type DeployedCommandContext = {
  connection: NetworkConnection;
  address: Address;
  /** `--from` if given (refused unless the network can sign for it), else the network's first account. */
  account: (from: string) => Promise<Address>;
};

/**
 * Runs a command against one deployed contract: connects to `--network`, resolves the contract's address (its
 * option, else the chain's Ignition deployment), prints the body's result, and turns any error into one line on
 * stderr with a non-zero exit code (`runCommandLine`).
 */
export async function runDeployedCommand(
  hre: HardhatRuntimeEnvironment,
  target: DeployedContract,
  optionValue: string,
  body: (context: DeployedCommandContext) => Promise<CommandOutput>,
): Promise<void> {
  await runCommandLine(async () => {
    const connection = await connectNetwork(hre);
    const chainId = await (await connection.viem.getPublicClient()).getChainId();
    const address = await resolveDeployedAddress(target, optionValue, chainId);
    const account = async (from: string) => {
      const wallets = await connection.viem.getWalletClients();
      if (from === "") return wallets[0].account.address;
      const address = parseAddress(from, "from");
      if (!wallets.some((wallet) => isAddressEqual(wallet.account.address, address))) {
        throw new CommandError(
          "The network cannot sign for --from.",
          `one of its ${wallets.length} accounts (a local node's, or the keystore key's)`,
          address,
        );
      }
      return address;
    };
    return body({ connection, address, account });
  });
}
