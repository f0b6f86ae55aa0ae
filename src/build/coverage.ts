/** Line coverage of one source file, from an lcov report. */
export type FileCoverage = { file: string; linesFound: number; linesHit: number };

/**
 * The per-file line counts of an lcov report (`SF:`, `LF:`, `LH:` records; Hardhat's `coverage/lcov.info`),
 * keeping only the files under `under` (e.g. `contracts/`) and none under `skip` (e.g. `contracts/mocks/`).
 * Hardhat reports no branch records (`BRF`/`BRH`), so only lines are counted.
 */
export function readLcov(text: string, { under = "", skip = [] as string[] } = {}): FileCoverage[] {
  const files: FileCoverage[] = [];
  let current: FileCoverage | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("SF:")) current = { file: line.slice(3).trim(), linesFound: 0, linesHit: 0 };
    else if (line.startsWith("LF:") && current !== undefined) current.linesFound = Number(line.slice(3));
    else if (line.startsWith("LH:") && current !== undefined) current.linesHit = Number(line.slice(3));
    else if (line.startsWith("end_of_record") && current !== undefined) {
      const keep = current.file.startsWith(under) && !skip.some((s) => current!.file.startsWith(s));
      if (keep) files.push(current);
      current = undefined;
    }
  }
  return files.sort((a, b) => a.file.localeCompare(b.file));
}

/** The share of lines hit over `files` (1 when there is nothing to cover). */
export function lineShare(files: readonly FileCoverage[]): number {
  const found = files.reduce((n, f) => n + f.linesFound, 0);
  const hit = files.reduce((n, f) => n + f.linesHit, 0);
  return found === 0 ? 1 : hit / found;
}
