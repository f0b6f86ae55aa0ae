import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { GOVERNANCE, runDeployedCommand } from "../../src/cli/runDeployedCommand.js";
import { proposalAction } from "../../src/governance/proposalAction.js";
import { parseBigInt } from "../../src/cli/parseBigInt.js";
import { parseSupport } from "../../src/cli/parseSupport.js";

type Args = { proposal: string; from: string; governance: string; support: string; reason: string };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, GOVERNANCE, args.governance, async ({ connection, address: governance, account }) => {
    const proposalId = parseBigInt(args.proposal, "proposal");
    const step = { kind: "vote" as const, support: parseSupport(args.support), reason: args.reason };
    const voter = await account(args.from);
    const { hash, weight } = await proposalAction(connection, { governance, proposalId, step, account: voter });
    return `${voter} voted ${args.support.toLowerCase()} on proposal ${proposalId} with weight ${weight} (tx ${hash})`;
  });
}
