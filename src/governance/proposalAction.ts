import { parseEventLogs, type Address, type Hash } from "viem";
import type { NetworkConnection } from "hardhat/types/network";
import { loadGovernance } from "./loadGovernance.js";
import { CommandError } from "../cli/CommandError.js";

/** A step of a proposal's life a participant takes. */
export type ProposalStep = { kind: "vote"; support: number; reason?: string } | { kind: "queue" } | { kind: "execute" };

/** What a step did: its transaction, and for a vote the weight counted (the `VoteCast` event). */
export type ProposalActionReturnType = { hash: Hash; weight?: bigint };

/** Votes on, queues or executes proposal `proposalId` from `account`. */
export async function proposalAction(
  connection: NetworkConnection,
  {
    governance,
    proposalId,
    step,
    account,
  }: { governance: Address; proposalId: bigint; step: ProposalStep; account: Address },
): Promise<ProposalActionReturnType> {
  const { governance: gov, publicClient } = await loadGovernance(connection, governance);
  const snapshot = await gov.read.proposalSnapshot([proposalId]);
  if (snapshot === 0n) throw new CommandError("Unknown proposal.", "an existing proposal id", String(proposalId));
  let hash: Hash;
  if (step.kind === "vote") {
    hash = await gov.write.castVoteWithReason([proposalId, step.support, step.reason ?? ""], { account });
  } else if (step.kind === "queue") {
    hash = await gov.write.queue([proposalId], { account });
  } else {
    hash = await gov.write.execute([proposalId], { account });
  }
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (step.kind !== "vote") return { hash };
  const [cast] = parseEventLogs({ abi: gov.abi, eventName: "VoteCast", logs: receipt.logs });
  return { hash, weight: cast?.args.weight };
}
