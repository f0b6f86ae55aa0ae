import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { type DeployedCommandContext, runDeployedCommand, STAKING_ESCROW } from "../../src/cli/runDeployedCommand.js";
import { readValidatorList } from "../../src/validators/readValidatorList.js";
import { validatorStatus } from "../../src/validators/validatorStatus.js";
import { requireOption } from "../../src/cli/requireOption.js";

type Args = { file: string; json: boolean; escrow: string };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, STAKING_ESCROW, args.escrow, (context) => statusOfFile(args, context));
}

async function statusOfFile(args: Args, { connection, address: escrowAddress, account }: DeployedCommandContext) {
  const file = requireOption(args.file, "file", "a JSON file path");
  const list = await readValidatorList({ file, defaultWithdrawer: await account("") });
  const { viem } = connection;
  const status = await validatorStatus({
    publicClient: await viem.getPublicClient(),
    escrow: escrowAddress,
    attesters: list.map((v) => v.attester),
    // progress on stderr, so `--json` output stays clean
    onProgress: ({ read, total }) => process.stderr.write(`read ${read}/${total} attesters\n`),
  });
  if (args.json) {
    return JSON.stringify(status, (_, value) => (typeof value === "bigint" ? value.toString() : value), 2);
  }
  const counts = Object.entries(status.counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(", ");
  return `canonical rollup ${status.followersRollup}: ${status.setSize} validators; listed attesters: ${counts}`;
}
