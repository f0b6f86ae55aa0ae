import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { runCommand } from "../../src/governance/runCommand.js";
import { proposalAction } from "../../src/governance/proposalAction.js";
import { parseBigInt } from "../../src/governance/parseBigInt.js";

type Args = { proposal: string; from: string; governance: string };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runCommand(hre, args.governance, async ({ connection, governance, account }) => {
    const proposalId = parseBigInt(args.proposal, "proposal");
    const step = { kind: "execute" as const };
    const hash = await proposalAction(connection, { governance, proposalId, step, account: await account(args.from) });
    return `execute of proposal ${proposalId} done (tx ${hash})`;
  });
}
