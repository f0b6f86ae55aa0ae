import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { runDeployedCommand, STAKING_ESCROW } from "../../src/cli/runDeployedCommand.js";
import { readValidatorList } from "../../src/validators/readValidatorList.js";
import { validatorStatus } from "../../src/validators/validatorStatus.js";
import { CommandError } from "../../src/cli/CommandError.js";

type Args = { file: string; json: boolean; escrow: string };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(
    hre,
    STAKING_ESCROW,
    args.escrow,
    async ({ connection, address: escrowAddress, account }) => {
      if (args.file === "") throw new CommandError("Missing --file.", "a JSON file path", "nothing");
      const list = await readValidatorList({ file: args.file, defaultWithdrawer: await account("") });
      const { viem } = connection;
      const status = await validatorStatus({
        publicClient: await viem.getPublicClient(),
        escrow: escrowAddress,
        attesters: list.map((v) => v.attester),
      });
      if (args.json) {
        return JSON.stringify(status, (_, value) => (typeof value === "bigint" ? value.toString() : value), 2);
      }
      const counts = Object.entries(status.counts)
        .map(([name, count]) => `${name} ${count}`)
        .join(", ");
      return `canonical rollup ${status.followersRollup}: ${status.setSize} validators; listed attesters: ${counts}`;
    },
  );
}
