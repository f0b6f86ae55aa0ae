import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { runCommand } from "../../src/governance/runCommand.js";
import { submitRoundWinner } from "../../src/governance/submitRoundWinner.js";
import { parseBigInt } from "../../src/governance/parseBigInt.js";

export default async function (
  args: { round: string; from: string; governance: string },
  hre: HardhatRuntimeEnvironment,
) {
  await runCommand(hre, args.governance, async ({ connection, governance }) => {
    const round = args.round === "" ? undefined : parseBigInt(args.round, "round");
    const result = await submitRoundWinner(connection, { governance, round });
    return `round ${result.round} submitted as proposal ${result.proposalId}`;
  });
}
