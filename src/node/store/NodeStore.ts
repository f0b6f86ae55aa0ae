import type { DatabaseSync, SQLOutputValue, StatementSync } from "node:sqlite";
import type { Address, Hex } from "viem";
import { NodeError } from "../NodeError.js";
import { canonicalJson } from "./canonicalJson.js";
import { openDatabase } from "./openDatabase.js";
import { insertParams, insertSql, jsonOf, rowFromSql } from "./rowCodec.js";
import { DATA_TABLE_NAMES, DATA_TABLES, type DataTable, MIGRATIONS, SCHEMA_VERSION, schemaSql } from "./schema.js";
import { emptyRows, type Finality, type L1BlockData, type L1BlockRef, type RowOf, type Rows } from "./types.js";
import { ChainDataError } from "../../errors/BaseError.js";

/** What a store belongs to: a store of another chain or deployment is refused, never mixed. */
export type StoreIdentity = {
  chainId: number;
  /** The contract addresses the follower reads (absent ones are not followed). */
  contracts: Record<string, Address | undefined>;
  /** The first L1 block the follower reads (the deployment block). */
  startBlock: bigint;
};

export type OpenNodeStoreParameters = {
  /** A file path, or `:memory:`. */
  path: string;
  /** The version of the client writing the store (recorded in `meta`). */
  clientVersion: string;
  identity: StoreIdentity;
  /**
   * What to do with a store of another schema version that no migration reaches: `error` (default) throws
   * `ResyncRequired`; `resync` empties it, so the follower rebuilds the state from L1.
   */
  onSchemaChange?: "error" | "resync";
  /**
   * Rebuild the state derived from L1 even when the schema is this one (`node:run --resync`, e.g. after a client
   * upgrade): the store must belong to the same chain and deployment; signing protection and peer identity stay.
   */
  resync?: boolean;
};

/** How the store was found on open. */
export type StoreOpening = {
  status: "created" | "reopened" | "migrated" | "resynced";
  /** The client version recorded before this one (when reopened). */
  previousClientVersion?: string;
};

/**
 * The node's embedded database (SQLite through `node:sqlite`). It holds the L1 blocks the follower saw (number,
 * hash, parent hash) and every row derived from their logs; everything from one L1 block is written in one
 * transaction together with the new tip, and a rollback to an L1 block is one transaction too, so a crash never
 * leaves half a block or half a rollback.
 */
export class NodeStore {
  /** Bumped by every write of rows (applied block, rollback, availability): readers cache what they derive by it. */
  revision = 0;
  /**
   * Bumped by every write that changes or removes stored rows (rollback, availability) rather than appending rows
   * of a new L1 block: a reader that derived state from the rows up to some L1 block may extend it with the later
   * rows while this has not moved, and must start over when it has.
   */
  rewrites = 0;
  /** Prepared statements by SQL (preparing is a compilation: done once per statement, not per call). */
  private readonly statements = new Map<string, StatementSync>();
  /** Headers below this were pruned already in this process (`pruneHeadersBelow` looks only above it). */
  private prunedBelow: bigint | undefined;

  private constructor(
    private readonly db: DatabaseSync,
    readonly opening: StoreOpening,
  ) {}

  static open(p: OpenNodeStoreParameters): NodeStore {
    const db = openDatabase(p.path);
    const identity = jsonOf({ ...p.identity, contracts: lowerCased(p.identity.contracts) });
    const hasMeta = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
    let status: StoreOpening["status"] = "reopened";
    let previousClientVersion: string | undefined;
    if (hasMeta !== undefined) {
      const meta = (key: string) =>
        (db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined)?.value;
      const version = Number(meta("schema_version"));
      previousClientVersion = meta("client_version");
      if (version !== SCHEMA_VERSION) status = upgrade(db, version, p.onSchemaChange ?? "error");
      const stored = status === "resynced" ? identity : meta("identity");
      if (stored !== identity) {
        db.close();
        throw new NodeError("StoreMismatch", "The store belongs to another chain or deployment.", identity, stored);
      }
      if (p.resync === true && status !== "resynced") status = dropDerived(db);
    } else status = "created";
    if (status === "created" || status === "resynced") {
      transaction(db, () => {
        db.exec(schemaSql());
        db.prepare("INSERT INTO meta (key, value) VALUES ('identity', ?)").run(identity);
      });
    }
    const setMeta = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
    setMeta.run("schema_version", String(SCHEMA_VERSION));
    setMeta.run("client_version", p.clientVersion);
    return new NodeStore(db, { status, previousClientVersion });
  }

  close(): void {
    this.db.close();
  }

  /** The database itself, for node records that are not derived from L1 (kept out of `dump()` and rollbacks). */
  get database(): DatabaseSync {
    return this.db;
  }

  /** The last L1 block fully processed (its data and all below it are in the store). */
  tip(): L1BlockRef | undefined {
    const n = this.meta("tip");
    return n === undefined ? undefined : this.l1Block(BigInt(n));
  }

  l1Block(number: bigint): L1BlockRef | undefined {
    const raw = this.query("SELECT * FROM l1_blocks WHERE number = ?", number)[0];
    return raw === undefined ? undefined : l1BlockFromSql(raw);
  }

  /** Stored L1 blocks at or below `number`, highest first (for the common-ancestor search). */
  l1BlocksAtOrBelow(number: bigint, limit: number): L1BlockRef[] {
    return this.query("SELECT * FROM l1_blocks WHERE number <= ? ORDER BY number DESC LIMIT ?", number, limit).map(
      l1BlockFromSql,
    );
  }

  /**
   * Writes one L1 block (header and every row derived from it) and makes it the tip, in one transaction: on any
   * failure nothing of that block is stored and a `StoreWrite` error names it.
   */
  applyL1Block(data: L1BlockData): void {
    const { block, rows } = data;
    const tip = this.tip();
    if (tip !== undefined && block.number <= tip.number)
      throw new NodeError("StoreWrite", "L1 blocks are applied in order.", `above ${tip.number}`, `${block.number}`);
    try {
      transaction(this.db, () => {
        this.statement("INSERT INTO l1_blocks (number, hash, parent_hash, timestamp) VALUES (?, ?, ?, ?)").run(
          block.number,
          block.hash,
          block.parentHash,
          block.timestamp,
        );
        for (const table of DATA_TABLE_NAMES) {
          if (rows[table].length === 0) continue;
          const insert = this.statement(insertSql(table));
          for (const row of rows[table] as RowOf[typeof table][]) {
            if (row.l1Block !== block.number)
              throw new ChainDataError(`a ${table} row of L1 block ${row.l1Block} in L1 block ${block.number}'s data`);
            insert.run(...insertParams(table, row));
          }
        }
        this.setMeta("tip", block.number.toString());
      });
      if (DATA_TABLE_NAMES.some((t) => rows[t].length > 0)) this.revision++;
    } catch (error) {
      throw new NodeError(
        "StoreWrite",
        `L1 block ${block.number} was not stored (nothing of it was): ${(error as Error).message}.`,
      );
    }
  }

  /**
   * Removes every L1 block above `number` and every row derived from them, and makes `number` the tip, in one
   * transaction; returns the removed rows. Refuses to go below the finalized block.
   */
  rollbackTo(number: bigint): Rows {
    const { finalized } = this.finality();
    if (number < finalized)
      throw new NodeError(
        "ReorgBelowFinalized",
        "A rollback below the finalized L1 block.",
        `≥ ${finalized}`,
        `${number}`,
      );
    const dropped = emptyRows();
    transaction(this.db, () => {
      for (const table of DATA_TABLE_NAMES) {
        (dropped[table] as RowOf[typeof table][]) = this.rowsAbove(table, number);
        this.db.prepare(`DELETE FROM ${DATA_TABLES[table].table} WHERE l1_block > ?`).run(number);
      }
      this.db.prepare("DELETE FROM l1_blocks WHERE number > ?").run(number);
      this.setMeta("tip", number.toString());
    });
    this.revision++;
    this.rewrites++;
    // Headers re-read above `number` may need pruning again.
    if (this.prunedBelow !== undefined && this.prunedBelow > number + 1n) this.prunedBelow = number + 1n;
    return dropped;
  }

  /** Safe and finalized L1 block numbers; they only move forward. */
  setFinality(f: Finality): void {
    const now = this.finality();
    if (f.safe <= now.safe && f.finalized <= now.finalized) return;
    transaction(this.db, () => {
      this.setMeta("safe", String(f.safe > now.safe ? f.safe : now.safe));
      this.setMeta("finalized", String(f.finalized > now.finalized ? f.finalized : now.finalized));
    });
  }

  finality(): Finality {
    return { safe: BigInt(this.meta("safe") ?? "-1"), finalized: BigInt(this.meta("finalized") ?? "-1") };
  }

  /** pending / safe / finalized of data from L1 block `l1Block`. */
  tagOf(l1Block: bigint): "pending" | "safe" | "finalized" {
    const { safe, finalized } = this.finality();
    return l1Block <= finalized ? "finalized" : l1Block <= safe ? "safe" : "pending";
  }

  /** Every row of `table`, in L1 order. */
  rows<T extends DataTable>(table: T): RowOf[T][] {
    return this.rowsAbove(table, -1n);
  }

  /**
   * Rows of `table` from L1 blocks after `l1Block`, in L1 order (what a reader that derived its state from the rows
   * up to `l1Block` has not seen yet).
   */
  rowsAfter<T extends DataTable>(table: T, l1Block: bigint): RowOf[T][] {
    return this.rowsAbove(table, l1Block);
  }

  /** How many rows `table` holds (`l2Blocks` from `fromSlot` on, when given). */
  count(table: DataTable, fromSlot?: bigint): number {
    const sql = `SELECT COUNT(*) AS n FROM ${DATA_TABLES[table].table}`;
    if (fromSlot === undefined) return Number(this.query(sql)[0].n);
    if (table !== "l2Blocks") throw new ChainDataError(`count: ${table} rows have no slot`);
    return Number(this.query(`${sql} WHERE slot >= ?`, fromSlot)[0].n);
  }

  /** The `MessageSent` rows of Inbox tree `l2BlockNumber`, in L1 order. */
  inboxMessagesOf(l2BlockNumber: bigint): RowOf["inboxMessages"][] {
    const sql = `SELECT * FROM inbox_messages WHERE l2_block_number = ? ORDER BY l1_block, log_index`;
    return this.query(sql, l2BlockNumber).map((raw) => rowFromSql("inboxMessages", raw));
  }

  /** Marks the availability of L2 block rows (blobs checked after the block was stored). */
  setAvailability(
    l1Block: bigint,
    logIndex: number,
    availability: RowOf["l2Blocks"]["availability"],
    reason: string | null,
  ) {
    this.statement(
      "UPDATE l2_blocks SET availability = ?, availability_reason = ? WHERE l1_block = ? AND log_index = ?",
    ).run(availability, reason, l1Block, logIndex);
    this.revision++;
    this.rewrites++;
  }

  /** Drops headers that carry no data below `number` (kept: the tip and blocks with rows). */
  pruneHeadersBelow(number: bigint): void {
    // Headers are only ever added above the tip, so those below an earlier bound were looked at already: only
    // the new range is scanned (each data table by its primary key), not every header and row on every sync.
    const from = this.prunedBelow ?? -1n;
    if (number <= from) return;
    const unreferenced = DATA_TABLE_NAMES.map(
      (t) => `NOT EXISTS (SELECT 1 FROM ${DATA_TABLES[t].table} WHERE l1_block = l1_blocks.number)`,
    ).join(" AND ");
    this.statement(`DELETE FROM l1_blocks WHERE number >= ? AND number < ? AND number <> ? AND ${unreferenced}`).run(
      from,
      number,
      BigInt(this.meta("tip") ?? "-1"),
    );
    this.prunedBelow = number;
  }

  /**
   * The derived state as deterministic JSON (sorted keys, rows in L1 order, bigints as decimal strings): two
   * nodes that followed the same chain to the same tip have equal dumps, however they got there.
   */
  dump(): string {
    const tables: Record<string, unknown> = {};
    const referenced = new Set<bigint>();
    for (const table of DATA_TABLE_NAMES) {
      const rows = this.rows(table);
      rows.forEach((r) => referenced.add(r.l1Block));
      tables[table] = rows;
    }
    const l1Blocks = [...referenced].sort((a, b) => (a < b ? -1 : 1)).map((n) => [n, this.l1Block(n)!.hash]);
    const tip = this.tip();
    return canonicalJson({
      schemaVersion: SCHEMA_VERSION,
      identity: JSON.parse(this.meta("identity")!),
      tip: tip === undefined ? null : { number: tip.number, hash: tip.hash },
      l1Blocks,
      tables,
    });
  }

  meta(key: string): string | undefined {
    return (this.statement("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined)?.value;
  }

  private setMeta(key: string, value: string): void {
    this.statement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").run(key, value);
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private rowsAbove<T extends DataTable>(table: T, number: bigint): RowOf[T][] {
    const sql = `SELECT * FROM ${DATA_TABLES[table].table} WHERE l1_block > ? ORDER BY l1_block, log_index`;
    return this.query(sql, number).map((raw) => rowFromSql(table, raw));
  }

  private query(sql: string, ...params: (bigint | number | string)[]): Record<string, SQLOutputValue>[] {
    const key = `bigints:${sql}`;
    let statement = this.statements.get(key);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      statement.setReadBigInts(true);
      this.statements.set(key, statement);
    }
    return statement.all(...params);
  }
}

function transaction(db: DatabaseSync, body: () => void): void {
  db.exec("BEGIN IMMEDIATE");
  try {
    body();
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

/** Applies the migrations from `version`, or (none reaching this version) resyncs or refuses. */
function upgrade(db: DatabaseSync, version: number, onSchemaChange: "error" | "resync"): StoreOpening["status"] {
  const steps: string[] = [];
  for (let v = version; v < SCHEMA_VERSION && MIGRATIONS[v] !== undefined; v++) steps.push(MIGRATIONS[v]);
  if (version < SCHEMA_VERSION && steps.length === SCHEMA_VERSION - version) {
    transaction(db, () => steps.forEach((sql) => db.exec(sql)));
    return "migrated";
  }
  if (onSchemaChange === "error") {
    db.close();
    throw new NodeError(
      "ResyncRequired",
      "The store was written by another schema version and no migration reaches this one: resync.",
      `schema ${SCHEMA_VERSION}`,
      `schema ${Number.isNaN(version) ? "unknown" : version}`,
    );
  }
  return dropDerived(db);
}

/**
 * Empties what is derived from L1 (data tables first: they reference l1_blocks), so the follower rebuilds it. Node
 * records that L1 cannot give back — the attesters' signing protection, the peer identity — stay: a rebuilt store
 * must never allow a second signature.
 */
function dropDerived(db: DatabaseSync): "resynced" {
  const derived = [...DATA_TABLE_NAMES.map((t) => DATA_TABLES[t].table), "l1_blocks", "meta"];
  const present = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name),
  );
  transaction(db, () => derived.filter((t) => present.has(t)).forEach((t) => db.exec(`DROP TABLE "${t}"`)));
  return "resynced";
}

function l1BlockFromSql(raw: Record<string, SQLOutputValue>): L1BlockRef {
  return {
    number: BigInt(raw.number as bigint),
    hash: raw.hash as Hex,
    parentHash: (raw.parent_hash as Hex | null) ?? null,
    timestamp: raw.timestamp === null ? null : BigInt(raw.timestamp as bigint),
  };
}

function lowerCased(contracts: Record<string, Address | undefined>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(contracts).map(([k, v]) => [k, v === undefined ? null : v.toLowerCase()]));
}
