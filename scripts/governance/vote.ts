import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { runCommand } from "../../src/governance/runCommand.js";
import { proposalAction } from "../../src/governance/proposalAction.js";
import { parseBigInt } from "../../src/governance/parseBigInt.js";
import { parseSupport } from "../../src/governance/parseSupport.js";

type Args = { proposal: string; from: string; governance: string; support: string; reason: string };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runCommand(hre, args.governance, async ({ connection, governance, account }) => {
    const proposalId = parseBigInt(args.proposal, "proposal");
    const step = { kind: "vote" as const, support: parseSupport(args.support), reason: args.reason };
    const hash = await proposalAction(connection, { governance, proposalId, step, account: await account(args.from) });
    return `vote of proposal ${proposalId} done (tx ${hash})`;
  });
}
