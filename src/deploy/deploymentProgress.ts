import { readFileSync } from "node:fs";
import path from "node:path";

/** How often the journal is read, and so at most how often a line is written. */
const EVERY_MS = 5_000;

/**
 * Progress of an Ignition deployment where its live UI is off (not on a terminal, or `--json`): Ignition offers
 * no hook for it, so its journal (`<deploymentDir>/journal.jsonl`, one JSON line per step it records) is read
 * every few seconds and, when more steps (contract deployments and calls) completed since the last line, one
 * plain line says how many and which was last. A resumed deployment counts its recorded steps too. Returns the
 * function that stops watching (an in-process network keeps no journal: nothing is written). Without `write`
 * (Ignition's UI shows the progress, or nobody asked for it) nothing is watched.
 */
export function watchDeployment(
  deploymentDir: string,
  write: ((line: string) => void) | undefined,
  everyMs = EVERY_MS,
): () => void {
  if (write === undefined) return () => {};
  let reported = 0;
  const timer = setInterval(() => {
    const { done, last } = completedSteps(path.join(deploymentDir, "journal.jsonl"));
    if (done <= reported) return;
    reported = done;
    write(`deploying: ${done} steps done (the last: ${last})`);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The steps a journal records as complete, and the last one's future id (none while there is no journal). */
export function completedSteps(journal: string): { done: number; last: string } {
  let text = "";
  try {
    text = readFileSync(journal, "utf8");
  } catch {
    return { done: 0, last: "" };
  }
  let done = 0;
  let last = "";
  for (const line of text.split("\n")) {
    if (!line.includes("_EXECUTION_STATE_COMPLETE")) continue;
    try {
      const entry = JSON.parse(line) as { type?: string; futureId?: string };
      if (entry.type?.endsWith("_EXECUTION_STATE_COMPLETE") !== true) continue;
      done++;
      last = entry.futureId ?? last;
    } catch {
      // the line Ignition is writing now: counted on the next read
    }
  }
  return { done, last };
}
