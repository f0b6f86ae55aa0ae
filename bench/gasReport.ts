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
