import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { GOVERNANCE, runDeployedCommand } from "../../src/cli/runDeployedCommand.js";
import { proposalAction } from "../../src/governance/proposalAction.js";
import { parseBigInt } from "../../src/cli/parseBigInt.js";

type Args = { proposal: string; from: string; governance: string };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, GOVERNANCE, args.governance, async ({ connection, address: governance, account }) => {
    const proposalId = parseBigInt(args.proposal, "proposal");
    const step = { kind: "execute" as const };
    const { hash } = await proposalAction(connection, {
      governance,
      proposalId,
      step,
      account: await account(args.from),
    });
    return `execute of proposal ${proposalId} done (tx ${hash})`;
  });
}
