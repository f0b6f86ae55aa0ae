import type { SQLInputValue, SQLOutputValue } from "node:sqlite";
import { type ColumnKind, DATA_TABLES, type DataTable, snakeCase } from "./schema.js";
import type { RowOf } from "./types.js";

/** JSON with bigints as decimal strings (the store's and the dump's one encoding of a bigint). */
export const jsonOf = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

function toSql(kind: ColumnKind, value: unknown): SQLInputValue {
  switch (kind) {
    case "int":
      return BigInt(value as bigint);
    case "uint":
      return (value as bigint).toString();
    case "bool":
      return value ? 1 : 0;
    case "json":
      return jsonOf(value);
    case "text?":
      return value === null || value === undefined ? null : String(value);
    case "text":
      return String(value);
  }
}

function fromSql(kind: ColumnKind, value: SQLOutputValue): unknown {
  switch (kind) {
    case "int":
      return BigInt(value as bigint);
    case "uint":
      return BigInt(value as string);
    case "bool":
      return Number(value) === 1;
    case "json":
      return JSON.parse(value as string);
    default:
      return value;
  }
}

const columnsOf = (table: DataTable) => Object.entries(DATA_TABLES[table].columns) as [string, ColumnKind][];

/** `INSERT` of one row of `table` and its parameters, in column order. */
export function insertSql(table: DataTable): string {
  const names = ["l1_block", "log_index", "tx_hash", ...columnsOf(table).map(([c]) => `"${snakeCase(c)}"`)];
  return `INSERT INTO ${DATA_TABLES[table].table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`;
}

export function insertParams<T extends DataTable>(table: T, row: RowOf[T]): SQLInputValue[] {
  const r = row as unknown as Record<string, unknown>;
  return [BigInt(row.l1Block), row.logIndex, row.txHash, ...columnsOf(table).map(([c, kind]) => toSql(kind, r[c]))];
}

/** A row as read back (with `setReadBigInts(true)`). */
export function rowFromSql<T extends DataTable>(table: T, raw: Record<string, SQLOutputValue>): RowOf[T] {
  const row: Record<string, unknown> = {
    l1Block: BigInt(raw.l1_block as bigint),
    logIndex: Number(raw.log_index),
    txHash: raw.tx_hash,
  };
  for (const [c, kind] of columnsOf(table)) row[c] = fromSql(kind, raw[snakeCase(c)]);
  return row as RowOf[T];
}
