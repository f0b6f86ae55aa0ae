/**
 * The store's tables. Every row derived from an L1 log carries the L1 block number and log index it came from
 * (its primary key), so a rollback to L1 block N is one `DELETE … WHERE l1_block > N` per table; the hash of
 * that block is in `l1_blocks`. uint256 values are decimal TEXT (SQLite integers are 64-bit); block numbers,
 * slots and epochs are INTEGER (read back as bigint).
 */
export const SCHEMA_VERSION = 1;

/** Column kinds: `int` INTEGER ↔ bigint, `uint` decimal TEXT ↔ bigint, `text`/`hex` TEXT, `bool` 0/1, `json`. */
export type ColumnKind = "int" | "uint" | "text" | "bool" | "json" | "text?";

/** The tables of derived data: name → columns (camelCase in TypeScript, snake_case in SQL). */
export const DATA_TABLES = {
  l2Blocks: {
    table: "l2_blocks",
    columns: {
      blockNumber: "int",
      archive: "text",
      headerHash: "text",
      slot: "int",
      versionedHashes: "json",
      availability: "text",
      availabilityReason: "text?",
    },
  },
  epochProofs: {
    table: "epoch_proofs",
    columns: { epoch: "int", startBlock: "int", endBlock: "int", endArchive: "text", prover: "text" },
  },
  prunes: { table: "prunes", columns: { epoch: "int", provenTip: "int", prunedPendingTip: "int" } },
  inboxMessages: {
    table: "inbox_messages",
    columns: {
      l2BlockNumber: "int",
      index: "int",
      leaf: "text",
      rollingHash: "text",
      sender: "text",
      recipient: "text",
      content: "text",
      secretHash: "text",
    },
  },
  outboxConsumptions: {
    table: "outbox_consumptions",
    columns: { l2BlockNumber: "int", root: "text", leaf: "text", leafIndex: "int" },
  },
  deposits: {
    table: "deposits",
    columns: { attester: "text", withdrawer: "text", pinnedRollup: "text", followCanonical: "bool", amount: "uint" },
  },
  withdrawals: {
    table: "withdrawals",
    columns: { stage: "text", attester: "text", recipient: "text", amount: "uint", exitableAt: "uint" },
  },
  migrations: { table: "migrations", columns: { attester: "text", fromRollup: "text", toRollup: "text" } },
  signals: {
    table: "governance_signals",
    columns: { rollup: "text", round: "uint", payload: "text", signaler: "text", slot: "uint", signals: "uint" },
  },
  proposals: {
    table: "governance_proposals",
    columns: { stage: "text", proposalId: "uint", payload: "text?", detail: "json" },
  },
  votes: {
    table: "governance_votes",
    columns: { voter: "text", proposalId: "uint", support: "int", weight: "uint", reason: "text" },
  },
} as const satisfies Record<string, { table: string; columns: Record<string, ColumnKind> }>;

export type DataTable = keyof typeof DATA_TABLES;
export const DATA_TABLE_NAMES = Object.keys(DATA_TABLES) as DataTable[];

export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const SQL_TYPE: Record<ColumnKind, string> = {
  int: "INTEGER NOT NULL",
  uint: "TEXT NOT NULL",
  text: "TEXT NOT NULL",
  "text?": "TEXT",
  bool: "INTEGER NOT NULL",
  json: "TEXT NOT NULL",
};

/** The DDL of schema version 1. */
export function schemaSql(): string {
  const data = DATA_TABLE_NAMES.map((name) => {
    const { table, columns } = DATA_TABLES[name];
    const cols = Object.entries(columns).map(([c, kind]) => `  "${snakeCase(c)}" ${SQL_TYPE[kind as ColumnKind]}`);
    return [
      `CREATE TABLE ${table} (`,
      "  l1_block INTEGER NOT NULL REFERENCES l1_blocks(number),",
      "  log_index INTEGER NOT NULL,",
      "  tx_hash TEXT NOT NULL,",
      `${cols.join(",\n")},`,
      "  PRIMARY KEY (l1_block, log_index)",
      ") STRICT;",
    ].join("\n");
  });
  return [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;",
    // parent_hash and timestamp are NULL for blocks known only from their logs (read while deeper than the horizon).
    "CREATE TABLE l1_blocks (number INTEGER PRIMARY KEY, hash TEXT NOT NULL, parent_hash TEXT, timestamp INTEGER) STRICT;",
    ...data,
    "CREATE INDEX l2_blocks_by_number ON l2_blocks(block_number);",
  ].join("\n");
}

/**
 * Migrations from an older schema version to the next, applied in one transaction on open. Empty while there is
 * one version; a version without a migration here makes the store ask for a resync.
 */
export const MIGRATIONS: Record<number, string> = {};
