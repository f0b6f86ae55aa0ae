import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { GOVERNANCE, runDeployedCommand } from "../../src/cli/runDeployedCommand.js";
import { deployPayload } from "../../src/governance/deployPayload.js";
import { parseAddress } from "../../src/cli/parseAddress.js";
import { parseBigInt } from "../../src/cli/parseBigInt.js";
import { CommandError } from "../../src/cli/CommandError.js";

type Args = {
  kind: string;
  newRollup: string;
  votingDelay: string;
  votingPeriod: string;
  quorum: string;
  governance: string;
};

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, GOVERNANCE, args.governance, async ({ connection, address: governance }) => {
    if (args.kind === "hard-fork") {
      const spec = { kind: "hard-fork" as const, newRollup: parseAddress(args.newRollup, "new-rollup") };
      return `HardForkPayload deployed at ${await deployPayload(connection, { governance, spec })}`;
    }
    if (args.kind === "parameters") {
      const spec = {
        kind: "parameters" as const,
        votingDelay: parseBigInt(args.votingDelay, "voting-delay"),
        votingPeriod: parseBigInt(args.votingPeriod, "voting-period"),
        quorumNumerator: parseBigInt(args.quorum, "quorum"),
      };
      return `GovernanceParametersPayload deployed at ${await deployPayload(connection, { governance, spec })}`;
    }
    throw new CommandError("--kind is not a payload kind.", "hard-fork or parameters", JSON.stringify(args.kind));
  });
}
