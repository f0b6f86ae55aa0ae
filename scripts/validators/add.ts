import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { type DeployedCommandContext, runDeployedCommand, STAKING_ESCROW } from "../../src/cli/runDeployedCommand.js";
import { addValidators } from "../../src/validators/addValidators.js";
import { stakingEscrowAbi } from "../../src/chain/abi.js";
import { readValidatorList } from "../../src/validators/readValidatorList.js";
import { parseAddress } from "../../src/cli/parseAddress.js";
import { requireOption } from "../../src/cli/requireOption.js";
import { CommandError } from "../../src/cli/CommandError.js";

type Args = {
  file: string;
  withdrawer: string;
  pinned: boolean;
  mint: boolean;
  batchSize: string;
  from: string;
  escrow: string;
};

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, STAKING_ESCROW, args.escrow, (context) => addFromFile(args, context));
}

async function addFromFile(args: Args, { connection, address: escrowAddress, account }: DeployedCommandContext) {
  const file = requireOption(args.file, "file", "a JSON file path");
  const batchSize = args.batchSize === "" ? undefined : Number(args.batchSize);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new CommandError("Bad --batch-size.", "a positive integer", JSON.stringify(args.batchSize));
  }
  const sender = await account(args.from);
  const defaultWithdrawer = args.withdrawer === "" ? sender : parseAddress(args.withdrawer, "withdrawer");
  const validators = await readValidatorList({
    file,
    defaultWithdrawer,
    defaultFollowCanonical: !args.pinned,
  });
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const asset = await publicClient.readContract({
    address: escrowAddress,
    abi: stakingEscrowAbi,
    functionName: "asset",
  });
  const result = await addValidators({
    publicClient,
    walletClient: await viem.getWalletClient(sender),
    escrow: escrowAddress,
    asset,
    validators,
    mint: args.mint,
    batchSize,
    onBatch: ({ batch, batches, added }) => console.log(`batch ${batch}/${batches}: ${added} added`),
  });
  return (
    `added ${result.added} validators in ${result.transactions.length} transactions ` +
    `(${result.batchSize} per batch, ${result.gasUsed} gas); skipped ${result.skipped.length} already staked`
  );
}
