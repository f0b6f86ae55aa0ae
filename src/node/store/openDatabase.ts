import { createRequire } from "node:module";
import type { DatabaseSync } from "node:sqlite";

type SqliteModule = typeof import("node:sqlite");
let sqlite: SqliteModule | undefined;

/**
 * Opens a SQLite database with Node 22's built-in `node:sqlite`. Loading that module prints one
 * `ExperimentalWarning` per process; exactly that warning is dropped (the module is loaded synchronously while
 * `process.emitWarning` filters it), every other warning still prints.
 */
export function openDatabase(path: string): DatabaseSync {
  if (sqlite === undefined) {
    const emitWarning = process.emitWarning;
    process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
      const text = typeof warning === "string" ? warning : warning.message;
      if (/SQLite is an experimental feature/.test(text)) return;
      return (emitWarning as (...a: unknown[]) => void).call(process, warning, ...rest);
    }) as typeof process.emitWarning;
    try {
      sqlite = createRequire(import.meta.url)("node:sqlite") as SqliteModule;
    } finally {
      process.emitWarning = emitWarning;
    }
  }
  const db = new sqlite.DatabaseSync(path, { enableForeignKeyConstraints: true });
  if (path !== ":memory:") db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  return db;
}
