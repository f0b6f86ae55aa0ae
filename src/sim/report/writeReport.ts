import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SimulationReport, SlotRecord } from "../types.js";
import { renderCharts } from "./charts.js";
import { renderMarkdown } from "./renderMarkdown.js";

/** `report.json`: the report alone, in its own key order, pretty-printed for reading and diffing. */
export function reportJson(report: SimulationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * `slots.json`: the timeline as one JSON array with one compact slot object per line, so two runs diff slot by
 * slot while a 12,000-slot file stays small.
 */
export function slotsJson(timeline: readonly SlotRecord[]): string {
  if (timeline.length === 0) return "[]\n";
  return `[\n${timeline.map((slot) => JSON.stringify(slot)).join(",\n")}\n]\n`;
}

/**
 * Writes a run's report into `dir` (created if missing): `report.json`, `slots.json`, `report.md` and the charts
 * `tips.svg`, `l1-gas.svg` and `missed-slots.svg` that `report.md` embeds by relative path. Everything is a pure
 * function of `report` and `timeline`, so the same inputs write byte-identical files. Returns the paths written
 * (`dir` joined with each file name), in that order.
 */
export async function writeReport(
  dir: string,
  report: SimulationReport,
  timeline: SlotRecord[],
): Promise<{ files: string[] }> {
  // render before touching the disk: a chart that fails to render leaves no half-written report behind
  const charts = await renderCharts(timeline);
  const contents: [string, string][] = [
    ["report.json", reportJson(report)],
    ["slots.json", slotsJson(timeline)],
    ["report.md", renderMarkdown(report, charts)],
    ...charts.map((c): [string, string] => [c.file, c.svg]),
  ];
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, text] of contents) {
    const path = join(dir, name);
    await writeFile(path, text, "utf8");
    files.push(path);
  }
  return { files };
}
