import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { GOVERNANCE, runDeployedCommand } from "../../src/cli/runDeployedCommand.js";
import { type AdvanceTarget, advanceTime, TARGET_STATES, type TargetState } from "../../src/governance/advanceTime.js";
import { parseBigInt } from "../../src/cli/parseBigInt.js";
import { requireOption } from "../../src/cli/requireOption.js";
import { CommandError } from "../../src/cli/CommandError.js";

type Args = { slots: string; toRoundEnd: boolean; toState: string; proposal: string; governance: string };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, GOVERNANCE, args.governance, async ({ connection, address: governance }) => {
    const { from, to, slot, round } = await advanceTime(connection, { governance, target: parseTarget(args) });
    return `time ${from} -> ${to}: slot ${slot}, round ${round}`;
  });
}

function parseTarget(args: Args): AdvanceTarget {
  const given = [args.slots !== "", args.toRoundEnd, args.toState !== ""].filter(Boolean).length;
  if (given !== 1) {
    throw new CommandError("Give one target.", "one of --slots N, --to-round-end, --to-state <state>", `${given}`);
  }
  if (args.slots !== "") return { kind: "slots", slots: parseBigInt(args.slots, "slots") };
  if (args.toRoundEnd) return { kind: "round-end" };
  if (!(TARGET_STATES as readonly string[]).includes(args.toState)) {
    throw new CommandError(
      "--to-state is not a proposal state.",
      TARGET_STATES.join(", "),
      JSON.stringify(args.toState),
    );
  }
  const proposalId = parseBigInt(requireOption(args.proposal, "proposal", "a proposal id"), "proposal");
  return { kind: "state", state: args.toState as TargetState, proposalId };
}
