import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { type DeployedCommandContext, runDeployedCommand, STAKING_ESCROW } from "../../src/cli/runDeployedCommand.js";
import { bulkConsentTerms, signStakeConsent, walletConsentSigner } from "../../src/validators/stakeConsent.js";
import { parseAddress } from "../../src/cli/parseAddress.js";
import { requireOption } from "../../src/cli/requireOption.js";
import { CommandError } from "../../src/cli/CommandError.js";

type Args = { attester: string; withdrawer: string; pinned: boolean; escrow: string };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, STAKING_ESCROW, args.escrow, (context) => consent(args, context));
}

/** Signs the attester's stake consent for a bulk onboarding and prints the entry to submit (one JSON line). */
async function consent(args: Args, { connection, address: escrow }: DeployedCommandContext) {
  // its own refusal below names the attester (not --from) when the network cannot sign for it
  const attester = parseAddress(requireOption(args.attester, "attester", "the attester's address"), "attester");
  const withdrawer = parseAddress(requireOption(args.withdrawer, "withdrawer", "an address"), "withdrawer");
  const publicClient = await connection.viem.getPublicClient();
  const terms = await bulkConsentTerms(publicClient, escrow);
  const followCanonical = !args.pinned;
  const accounts = (await connection.viem.getWalletClients()).map((w) => w.account.address.toLowerCase());
  if (!accounts.includes(attester.toLowerCase())) {
    throw new CommandError(
      "The network cannot sign for this attester.",
      "one of the network's accounts (its keystore key on Sepolia, an unlocked account of a local node)",
      attester,
    );
  }
  const signer = walletConsentSigner(await connection.viem.getWalletClient(attester));
  const signature = await signStakeConsent(signer, { ...terms, withdrawer, followCanonical });
  return JSON.stringify({ attester, withdrawer, followCanonical, signature });
}
