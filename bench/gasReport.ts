import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** A gas figure, or a group of named figures, as in SPEC section 13 (`reports/gas.json`). */
export type GasFigures = { [name: string]: number | GasFigures };

/** Deep-merges `update` into `base` (figures from `update` win). */
export function mergeGasFigures(base: GasFigures, update: GasFigures): GasFigures {
  const merged: GasFigures = { ...base };
  for (const [key, value] of Object.entries(update)) {
    const previous = merged[key];
    merged[key] = typeof value === "object" && typeof previous === "object" ? mergeGasFigures(previous, value) : value;
  }
  return merged;
}

/** Reads a JSON gas report, or an empty one if the file does not exist yet. */
export async function readGasFigures(file: string): Promise<GasFigures> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as GasFigures;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}

/** Writes `figures` as pretty JSON with sorted keys, creating the folder. */
export async function writeGasFigures(file: string, figures: GasFigures): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(sortKeys(figures), null, 2) + "\n");
}

function sortKeys(figures: GasFigures): GasFigures {
  return Object.fromEntries(
    Object.keys(figures)
      .sort()
      .map((key) => {
        const value = figures[key];
        return [key, typeof value === "object" ? sortKeys(value) : value];
      }),
  );
}

/**
 * The differences between the committed snapshot and a fresh run beyond `tolerance` (a share: 0.01 is 1 %), one
 * line each: a figure that moved, one the run did not measure, one the snapshot does not hold. Empty: the snapshot
 * is current. With `partial` (a filtered run) figures the run did not measure are not differences.
 */
export function compareGasFigures(
  snapshot: GasFigures,
  fresh: GasFigures,
  { tolerance = 0.01, partial = false }: { tolerance?: number; partial?: boolean } = {},
): string[] {
  const snap = flatten(snapshot);
  const run = flatten(fresh);
  const lines: string[] = [];
  const fmt = (n: number) => n.toLocaleString("en-US");
  for (const [name, expected] of snap) {
    const measured = run.get(name);
    if (measured === undefined) {
      if (!partial) lines.push(`${name}: ${fmt(expected)} in the snapshot, not measured by the run`);
      continue;
    }
    const change = expected === 0 ? (measured === 0 ? 0 : Infinity) : (measured - expected) / expected;
    if (Math.abs(change) > tolerance)
      lines.push(
        `${name}: ${fmt(expected)} in the snapshot, ${fmt(measured)} measured (${change > 0 ? "+" : ""}${(change * 100).toFixed(2)} %)`,
      );
  }
  for (const [name, measured] of run)
    if (!snap.has(name)) lines.push(`${name}: ${fmt(measured)} measured, not in the snapshot`);
  return lines;
}

function flatten(figures: GasFigures, prefix = "", into = new Map<string, number>()): Map<string, number> {
  for (const [key, value] of Object.entries(figures)) {
    const name = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "object") flatten(value, name, into);
    else into.set(name, value);
  }
  return into;
}
