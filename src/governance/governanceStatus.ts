import { type Address, isAddressEqual, zeroAddress } from "viem";
import { rollupAbi } from "../chain/abi.js";
import type { NetworkConnection } from "hardhat/types/network";
import { loadGovernance } from "./loadGovernance.js";

/** OpenZeppelin `IGovernor.ProposalState` names, by value. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;

/** The signalling round in progress and every proposal with its state and tally. */
export async function governanceStatus(connection: NetworkConnection, { governance }: { governance: Address }) {
  const { governance: gov, proposer, registry, publicClient } = await loadGovernance(connection, governance);
  const rollup = await registry.read.getCanonicalRollup();
  const readRollup = (functionName: "getCurrentSlot" | "getCurrentProposer") =>
    publicClient.readContract({ address: rollup, abi: rollupAbi, functionName });
  const slot = (await readRollup("getCurrentSlot")) as bigint;
  // no proposer while the committee is empty (until two epochs after the first stake): the zero address, or a revert
  const currentProposer = await readRollup("getCurrentProposer").then(
    (p) => (isAddressEqual(p as Address, zeroAddress) ? undefined : (p as Address)),
    () => undefined,
  );
  const round = await proposer.read.getCurrentRound();
  const [current, previous] = await Promise.all([
    proposer.read.getRound([rollup, round]),
    round > 0n ? proposer.read.getRound([rollup, round - 1n]) : undefined,
  ]);
  const count = await gov.read.proposalCount();
  const proposals = [];
  for (let i = 0n; i < count; i++) {
    const [id] = await gov.read.proposalDetailsAt([i]);
    const [state, [against, forVotes, abstain], payload, snapshot, deadline, eta] = await Promise.all([
      gov.read.state([id]),
      gov.read.proposalVotes([id]),
      gov.read.proposalPayload([id]),
      gov.read.proposalSnapshot([id]),
      gov.read.proposalDeadline([id]),
      gov.read.proposalEta([id]),
    ]);
    const quorum = await gov.read.quorum([snapshot]).catch(() => undefined);
    proposals.push({
      id,
      state: PROPOSAL_STATES[state],
      payload,
      against,
      for: forVotes,
      abstain,
      quorum,
      snapshot,
      deadline,
      eta,
    });
  }
  return {
    canonicalRollup: rollup,
    slot,
    currentProposer,
    round,
    quorumSize: await proposer.read.QUORUM_SIZE(),
    roundSize: await proposer.read.ROUND_SIZE(),
    currentRound: current,
    previousRound: previous,
    proposals,
  };
}

/** Human-readable `governanceStatus`. */
export function formatGovernanceStatus(status: Awaited<ReturnType<typeof governanceStatus>>): string {
  const round = (label: string, r: typeof status.currentRound | undefined) =>
    r === undefined || !r.hasSignals
      ? `${label}: no signal`
      : `${label}: leader ${r.leader} with ${r.leaderSignals}/${status.quorumSize} signals${r.submitted ? " (submitted)" : ""}`;
  const lines = [
    `canonical rollup ${status.canonicalRollup}, signalling round ${status.round} (quorum ${status.quorumSize} of ${status.roundSize} slots)`,
    `slot ${status.slot}: proposer ${status.currentProposer ?? "none (empty committee)"}; slot ${(status.slot % status.roundSize) + 1n} of ${status.roundSize} of round ${status.round}, next round at slot ${(status.slot / status.roundSize + 1n) * status.roundSize}`,
    round(`  round ${status.round}`, status.currentRound),
    ...(status.round > 0n ? [round(`  round ${status.round - 1n}`, status.previousRound)] : []),
    `${status.proposals.length} proposal(s)`,
  ];
  for (const p of status.proposals) {
    lines.push(
      `  ${p.id} ${p.state} payload ${p.payload} for ${p.for} against ${p.against} abstain ${p.abstain}` +
        ` quorum ${p.quorum ?? "n/a (vote not started)"} voting ${p.snapshot}..${p.deadline}${p.eta > 0n ? ` eta ${p.eta}` : ""}`,
    );
  }
  return lines.join("\n");
}
