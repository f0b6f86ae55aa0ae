import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { GOVERNANCE, runDeployedCommand } from "../../src/cli/runDeployedCommand.js";
import { submitRoundWinner } from "../../src/governance/submitRoundWinner.js";
import { parseBigInt } from "../../src/cli/parseBigInt.js";

export default async function (
  args: { round: string; from: string; governance: string },
  hre: HardhatRuntimeEnvironment,
) {
  await runDeployedCommand(hre, GOVERNANCE, args.governance, async ({ connection, address: governance, account }) => {
    const round = args.round === "" ? undefined : parseBigInt(args.round, "round");
    const result = await submitRoundWinner(connection, { governance, round, account: await account(args.from) });
    return `round ${result.round} submitted as proposal ${result.proposalId}`;
  });
}
