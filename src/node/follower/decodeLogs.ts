import { type Abi, type Address, type Hex, type Log, decodeEventLog } from "viem";
import { emptyRows, type Located, type Rows } from "../store/types.js";
import {
  governanceAbi,
  governanceProposerAbi,
  inboxAbi,
  outboxAbi,
  rollupAbi,
  stakingEscrowAbi,
} from "../../chain/abi.js";

/** The contracts the follower reads (absent ones are not followed). */
export type FollowedContracts = {
  rollup: Address;
  inbox?: Address;
  outbox?: Address;
  governanceProposer?: Address;
  governance?: Address;
  stakingEscrow?: Address;
};

const ABI_OF: Record<keyof FollowedContracts, Abi> = {
  rollup: rollupAbi,
  inbox: inboxAbi,
  outbox: outboxAbi,
  governanceProposer: governanceProposerAbi,
  governance: governanceAbi,
  stakingEscrow: stakingEscrowAbi,
};

export const followedAddresses = (c: FollowedContracts): Address[] =>
  Object.values(c).filter((a): a is Address => a !== undefined);

type Args = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "bigint" ? v.toString() : String(v));

/**
 * Decodes the logs of the followed contracts into store rows (one `Rows` per L1 block number). Events the node
 * does not keep (ownership, EIP-712 domain, …) are skipped; `slotOf` gives the Rollup slot of an L1 block.
 */
export function decodeLogs(
  logs: readonly Log<bigint, number, false>[],
  contracts: FollowedContracts,
  slotOf: (l1Block: bigint) => bigint,
): Map<bigint, Rows> {
  const which = new Map<string, keyof FollowedContracts>();
  for (const [name, address] of Object.entries(contracts) as [keyof FollowedContracts, Address | undefined][])
    if (address !== undefined) which.set(address.toLowerCase(), name);
  const byBlock = new Map<bigint, Rows>();
  for (const log of logs) {
    const contract = which.get(log.address.toLowerCase());
    if (contract === undefined || log.topics.length === 0) continue;
    let decoded: { eventName: string; args: Args };
    try {
      decoded = decodeEventLog({
        abi: ABI_OF[contract],
        data: log.data,
        topics: log.topics as [Hex, ...Hex[]],
      }) as unknown as {
        eventName: string;
        args: Args;
      };
    } catch {
      continue; // an event this ABI does not declare (cannot happen for our own contracts; skip, never guess)
    }
    let rows = byBlock.get(log.blockNumber);
    if (rows === undefined) byBlock.set(log.blockNumber, (rows = emptyRows()));
    const at: Located = { l1Block: log.blockNumber, logIndex: log.logIndex, txHash: log.transactionHash };
    addRow(rows, `${contract}.${decoded.eventName}`, decoded.args, at, slotOf);
  }
  return byBlock;
}

function addRow(rows: Rows, event: string, a: Args, at: Located, slotOf: (l1Block: bigint) => bigint): void {
  const b = (k: string) => a[k] as bigint;
  const h = (k: string) => a[k] as Hex;
  switch (event) {
    case "rollup.L2BlockProposed":
      rows.l2Blocks.push({
        ...at,
        blockNumber: b("blockNumber"),
        archive: h("archive"),
        headerHash: h("headerHash"),
        slot: slotOf(at.l1Block),
        versionedHashes: [...(a.versionedHashes as Hex[])],
        availability: "unchecked",
        availabilityReason: null,
      });
      return;
    case "rollup.EpochProven":
      rows.epochProofs.push({
        ...at,
        epoch: b("epoch"),
        startBlock: b("startBlock"),
        endBlock: b("endBlock"),
        endArchive: h("endArchive"),
        prover: h("prover"),
      });
      return;
    case "rollup.Pruned":
      rows.prunes.push({
        ...at,
        epoch: b("epoch"),
        provenTip: b("provenTip"),
        prunedPendingTip: b("prunedPendingTip"),
      });
      return;
    case "inbox.MessageSent":
      rows.inboxMessages.push({
        ...at,
        l2BlockNumber: b("l2BlockNumber"),
        index: b("index"),
        leaf: h("leaf"),
        rollingHash: h("rollingHash"),
        sender: h("sender"),
        recipient: h("recipient"),
        content: h("content"),
        secretHash: h("secretHash"),
      });
      return;
    case "outbox.MessageConsumed":
      rows.outboxConsumptions.push({
        ...at,
        l2BlockNumber: b("l2BlockNumber"),
        root: h("root"),
        leaf: h("leaf"),
        leafIndex: b("leafIndex"),
      });
      return;
    case "stakingEscrow.Deposited":
      rows.deposits.push({
        ...at,
        attester: h("attester"),
        withdrawer: h("withdrawer"),
        pinnedRollup: h("pinnedRollup"),
        followCanonical: a.followCanonical as boolean,
        amount: b("amount"),
      });
      return;
    case "stakingEscrow.WithdrawInitiated":
    case "stakingEscrow.WithdrawFinalized":
      rows.withdrawals.push({
        ...at,
        stage: event.endsWith("Initiated") ? "initiated" : "finalized",
        attester: h("attester"),
        recipient: h("recipient"),
        amount: b("amount"),
        exitableAt: (a.exitableAt as bigint | undefined) ?? 0n,
      });
      return;
    case "stakingEscrow.Migrated":
      rows.migrations.push({ ...at, attester: h("attester"), fromRollup: h("fromRollup"), toRollup: h("toRollup") });
      return;
    case "governanceProposer.SignalCast":
      rows.signals.push({
        ...at,
        rollup: h("rollup"),
        round: b("round"),
        payload: h("payload"),
        signaler: h("signaler"),
        slot: b("slot"),
        signals: b("signals"),
      });
      return;
    case "governanceProposer.RoundWinnerSubmitted":
      rows.proposals.push({
        ...at,
        stage: "roundWinner",
        proposalId: b("proposalId"),
        payload: h("payload"),
        detail: { rollup: str(a.rollup), round: str(a.round) },
      });
      return;
    case "governance.PayloadProposed":
      rows.proposals.push({ ...at, stage: "payload", proposalId: b("proposalId"), payload: h("payload"), detail: {} });
      return;
    case "governance.ProposalCreated":
      rows.proposals.push({
        ...at,
        stage: "created",
        proposalId: b("proposalId"),
        payload: null,
        detail: {
          proposer: str(a.proposer),
          targets: (a.targets as string[]).map(str),
          voteStart: str(a.voteStart),
          voteEnd: str(a.voteEnd),
          description: str(a.description),
        },
      });
      return;
    case "governance.ProposalQueued":
    case "governance.ProposalExecuted":
    case "governance.ProposalCanceled": {
      const stage =
        event === "governance.ProposalQueued" ? "queued" : event.endsWith("Executed") ? "executed" : "canceled";
      const detail: Record<string, string> = a.etaSeconds === undefined ? {} : { etaSeconds: str(a.etaSeconds) };
      rows.proposals.push({ ...at, stage, proposalId: b("proposalId"), payload: null, detail });
      return;
    }
    case "governance.VoteCast":
    case "governance.VoteCastWithParams":
      rows.votes.push({
        ...at,
        voter: h("voter"),
        proposalId: b("proposalId"),
        support: BigInt(a.support as number),
        weight: b("weight"),
        reason: String(a.reason),
      });
      return;
  }
}
