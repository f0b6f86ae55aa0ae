import type { Address } from "viem";
import type { NetworkConnection } from "hardhat/types/network";
import { loadGovernance } from "./loadGovernance.js";
import { CommandError } from "../cli/CommandError.js";

/**
 * Submits the winner of `round` (default: the last finished round) to Governance from `account` (default: the
 * connection's first); returns the proposal id.
 */
export async function submitRoundWinner(
  connection: NetworkConnection,
  { governance, round, account }: { governance: Address; round?: bigint; account?: Address },
): Promise<{ round: bigint; proposalId: bigint }> {
  const { proposer, publicClient } = await loadGovernance(connection, governance);
  const current = await proposer.read.getCurrentRound();
  const target = round ?? current - 1n;
  if (target < 0n || target >= current) {
    throw new CommandError("The round has not ended.", `a round below ${current}`, String(target));
  }
  const from = account === undefined ? {} : { account };
  const { result: proposalId } = await proposer.simulate.submitRoundWinner([target], from);
  const hash = await proposer.write.submitRoundWinner([target], from);
  await publicClient.waitForTransactionReceipt({ hash });
  return { round: target, proposalId };
}
