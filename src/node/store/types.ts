import type { Address, Hex } from "viem";
import type { DataTable } from "./schema.js";

/** Where a row came from: the L1 block (its hash is in the store's `l1_blocks`), the log and the transaction. */
export type Located = { l1Block: bigint; logIndex: number; txHash: Hex };

/** Whether a block's blobs were had and matched its versioned hashes (`unchecked`: no blob source configured). */
export type Availability = "available" | "unavailable" | "unchecked";

export type L2BlockRow = Located & {
  blockNumber: bigint;
  archive: Hex;
  /** What the committee signed (folded into the epoch accumulator the proof opens). */
  headerHash: Hex;
  /** The slot of the L1 block that carried the proposal (the Rollup's clock). */
  slot: bigint;
  versionedHashes: Hex[];
  availability: Availability;
  availabilityReason: string | null;
};
export type EpochProofRow = Located & {
  epoch: bigint;
  startBlock: bigint;
  endBlock: bigint;
  endArchive: Hex;
  prover: Address;
};
export type PruneRow = Located & { epoch: bigint; provenTip: bigint; prunedPendingTip: bigint };
export type InboxMessageRow = Located & {
  l2BlockNumber: bigint;
  index: bigint;
  leaf: Hex;
  rollingHash: Hex;
  sender: Address;
  recipient: Hex;
  content: Hex;
  secretHash: Hex;
};
export type OutboxConsumptionRow = Located & { l2BlockNumber: bigint; root: Hex; leaf: Hex; leafIndex: bigint };
export type DepositRow = Located & {
  attester: Address;
  withdrawer: Address;
  pinnedRollup: Address;
  followCanonical: boolean;
  amount: bigint;
};
export type WithdrawalRow = Located & {
  stage: "initiated" | "finalized";
  attester: Address;
  recipient: Address;
  amount: bigint;
  /** 0 for `finalized`. */
  exitableAt: bigint;
};
export type MigrationRow = Located & { attester: Address; fromRollup: Address; toRollup: Address };
export type SignalRow = Located & {
  rollup: Address;
  round: bigint;
  payload: Address;
  signaler: Address;
  slot: bigint;
  signals: bigint;
};
export type ProposalRow = Located & {
  stage: "created" | "payload" | "roundWinner" | "queued" | "executed" | "canceled";
  proposalId: bigint;
  payload: Address | null;
  /** The rest of the event (e.g. vote start and end, description), JSON with bigints as decimal strings. */
  detail: Record<string, string | string[]>;
};
export type VoteRow = Located & { voter: Address; proposalId: bigint; support: bigint; weight: bigint; reason: string };

/** The row type of each data table. */
export type RowOf = {
  l2Blocks: L2BlockRow;
  epochProofs: EpochProofRow;
  prunes: PruneRow;
  inboxMessages: InboxMessageRow;
  outboxConsumptions: OutboxConsumptionRow;
  deposits: DepositRow;
  withdrawals: WithdrawalRow;
  migrations: MigrationRow;
  signals: SignalRow;
  proposals: ProposalRow;
  votes: VoteRow;
};

/** Rows of several tables, e.g. everything one L1 block produced or a rollback removed. */
export type Rows = { [T in DataTable]: RowOf[T][] };

export const emptyRows = (): Rows => ({
  l2Blocks: [],
  epochProofs: [],
  prunes: [],
  inboxMessages: [],
  outboxConsumptions: [],
  deposits: [],
  withdrawals: [],
  migrations: [],
  signals: [],
  proposals: [],
  votes: [],
});

/** An L1 block header as the store keeps it (`parentHash`/`timestamp` null when known only from its logs). */
export type L1BlockRef = { number: bigint; hash: Hex; parentHash: Hex | null; timestamp: bigint | null };

/** Everything derived from one L1 block: written in one transaction. */
export type L1BlockData = { block: L1BlockRef; rows: Rows };

export type Finality = { safe: bigint; finalized: bigint };
