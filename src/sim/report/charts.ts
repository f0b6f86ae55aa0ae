import { View, parse, resetSVGDefIds } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { SlotEventKind, SlotRecord } from "../types.js";

/**
 * The report's charts as Vega-Lite specs built from the timeline (pure, testable) and rendered headless to SVG
 * strings with Vega's "none" renderer, which needs no canvas (text widths are estimated, not measured).
 */

/** Events the tips chart marks with a vertical rule (proofs, withholding and offline slots would drown it). */
export const MARKED_EVENT_KINDS = [
  "reorg",
  "prune",
  "softFork",
  "hardFork",
  "slash",
  "kill",
  "partition",
  "heal",
] as const satisfies readonly SlotEventKind[];

/** Fixed colours per marked kind, so a kind looks the same in every run's chart whichever kinds occurred. */
const EVENT_COLOURS: Record<(typeof MARKED_EVENT_KINDS)[number], string> = {
  reorg: "#d62728",
  prune: "#ff7f0e",
  softFork: "#9467bd",
  hardFork: "#8c564b",
  slash: "#111111",
  kill: "#e377c2",
  partition: "#17becf",
  heal: "#7f7f7f",
};

/** Blue and green: no event kind uses them, so a tip line is never mistaken for a rule (prune is orange). */
const TIP_COLOURS = ["#4c78a8", "#54a24b"];

/** Longest a tips line or the L1 gas points get before they are downsampled (12,000 slots render in ~1 s). */
export const MAX_CHART_POINTS = 2_000;

const WIDTH = 720;
const HEIGHT = 280;
/** Integer axes: block numbers, slots and epochs are counts, never "1.5". */
const INTEGER_AXIS = { format: "d", tickMinStep: 1 } as const;

/** The layer (Vega-Lite `name`) whose rule marks are the tips chart's events: its SVG group is `events_marks`. */
export const EVENTS_LAYER = "events";
/** The layer whose bars are the missed-slots chart's epochs: its SVG group is `missed_marks`. */
export const MISSED_LAYER = "missed";

export type TipPoint = { slot: number; tip: "pending" | "proven"; block: number };
export type EventMark = { slot: number; kind: SlotEventKind; detail: string };
export type GasPoint = { slot: number; gas: number };
export type EpochMisses = { epoch: number; missed: number; slots: number };

/**
 * Downsamples `rows` (in slot order) to at most `max` rows by keeping, in each of `max / 2` equal buckets, the
 * rows with the smallest and the largest `value` (in their original order): the envelope survives, so a prune's
 * drop in the pending tip or a gas spike is still drawn even when most rows are dropped. Returns `rows` itself
 * when it is already short enough.
 */
export function envelope<T>(rows: readonly T[], max: number, value: (row: T) => number): readonly T[] {
  if (rows.length <= max) return rows;
  const buckets = Math.max(1, Math.floor(max / 2));
  const size = Math.ceil(rows.length / buckets);
  const kept: T[] = [];
  for (let start = 0; start < rows.length; start += size) {
    const end = Math.min(start + size, rows.length);
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (value(rows[i]) < value(rows[lo])) lo = i;
      if (value(rows[i]) > value(rows[hi])) hi = i;
    }
    kept.push(rows[Math.min(lo, hi)]);
    if (lo !== hi) kept.push(rows[Math.max(lo, hi)]);
  }
  return kept;
}

/**
 * The pending and proven tips of the timeline as line points, each series downsampled with `envelope` to at
 * most `max` points.
 */
export function tipPoints(timeline: readonly SlotRecord[], max = MAX_CHART_POINTS): TipPoint[] {
  const pending = envelope(timeline, max, (r) => r.pendingTip).map((r) => ({
    slot: r.slot,
    tip: "pending" as const,
    block: r.pendingTip,
  }));
  const proven = envelope(timeline, max, (r) => r.provenTip).map((r) => ({
    slot: r.slot,
    tip: "proven" as const,
    block: r.provenTip,
  }));
  return [...pending, ...proven];
}

/** One mark per event of a `MARKED_EVENT_KINDS` kind, in timeline order (never downsampled: each is news). */
export function eventMarks(timeline: readonly SlotRecord[]): EventMark[] {
  const marked: readonly SlotEventKind[] = MARKED_EVENT_KINDS;
  return timeline.flatMap((r) =>
    r.events.filter((e) => marked.includes(e.kind)).map((e) => ({ slot: r.slot, kind: e.kind, detail: e.detail })),
  );
}

/** The L1 gas of every slot whose proposal landed (`l1Gas` not null), downsampled with `envelope` past `max`. */
export function gasPoints(timeline: readonly SlotRecord[], max = MAX_CHART_POINTS): readonly GasPoint[] {
  const all = timeline.flatMap((r) => (r.l1Gas === null ? [] : [{ slot: r.slot, gas: r.l1Gas }]));
  return envelope(all, max, (p) => p.gas);
}

/** Mean L1 gas over all proposals of the timeline (not the downsampled points), or null with none. */
export function meanGas(timeline: readonly SlotRecord[]): number | null {
  const gas = timeline.flatMap((r) => (r.l1Gas === null ? [] : [r.l1Gas]));
  return gas.length === 0 ? null : gas.reduce((a, b) => a + b, 0) / gas.length;
}

/** Missed slots (`proposed === false`) per epoch, one row per epoch of the timeline, ascending. */
export function missedPerEpoch(timeline: readonly SlotRecord[]): EpochMisses[] {
  const byEpoch = new Map<number, EpochMisses>();
  for (const r of timeline) {
    const row = byEpoch.get(r.epoch) ?? { epoch: r.epoch, missed: 0, slots: 0 };
    row.slots++;
    if (!r.proposed) row.missed++;
    byEpoch.set(r.epoch, row);
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/** A subtitle saying the chart was thinned, so a reader knows the points are an envelope. */
function thinned(kept: number, total: number): string[] {
  return kept < total ? [`${kept} of ${total} points shown (min and max of each slot bucket)`] : [];
}

/**
 * Vega-Lite spec of `tips.svg`: pending and proven tip (block number) per slot as two lines, and a vertical
 * rule per marked event coloured by kind. The two colour scales are independent, so each gets its own legend.
 */
export function tipsSpec(timeline: readonly SlotRecord[]): TopLevelSpec {
  const points = tipPoints(timeline);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Pending and proven tips", subtitle: thinned(points.length, 2 * timeline.length) },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        name: "tips",
        data: { values: points },
        mark: { type: "line", interpolate: "step-after" },
        encoding: {
          x: { field: "slot", type: "quantitative", title: "Slot", axis: INTEGER_AXIS },
          y: { field: "block", type: "quantitative", title: "Block number", axis: INTEGER_AXIS },
          color: {
            field: "tip",
            type: "nominal",
            title: "Tip",
            scale: { domain: ["pending", "proven"], range: TIP_COLOURS },
          },
        },
      },
      {
        name: EVENTS_LAYER,
        data: { values: eventMarks(timeline) },
        mark: { type: "rule", strokeWidth: 1, opacity: 0.8 },
        encoding: {
          x: { field: "slot", type: "quantitative", title: "Slot" },
          color: {
            field: "kind",
            type: "nominal",
            title: "Event",
            scale: { domain: [...MARKED_EVENT_KINDS], range: MARKED_EVENT_KINDS.map((k) => EVENT_COLOURS[k]) },
          },
        },
      },
    ],
    resolve: { scale: { color: "independent" } },
  };
}

/** Vega-Lite spec of `l1-gas.svg`: L1 gas per landed proposal as points, and the mean over all as a rule. */
export function l1GasSpec(timeline: readonly SlotRecord[]): TopLevelSpec {
  const points = gasPoints(timeline);
  const proposals = timeline.filter((r) => r.l1Gas !== null).length;
  const mean = meanGas(timeline);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "L1 gas per proposal", subtitle: thinned(points.length, proposals) },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        name: "gas",
        data: { values: points },
        // no per-point aria labels: at 2,000 points they would double the file for no reader
        mark: { type: "point", filled: true, size: 12, aria: false },
        encoding: {
          x: { field: "slot", type: "quantitative", title: "Slot", axis: INTEGER_AXIS },
          y: { field: "gas", type: "quantitative", title: "L1 gas", scale: { zero: false } },
        },
      },
      {
        name: "mean",
        data: { values: mean === null ? [] : [{ mean, label: `mean ${Math.round(mean).toLocaleString("en-US")}` }] },
        layer: [
          {
            mark: { type: "rule", color: "#d62728", strokeDash: [4, 3] },
            encoding: { y: { field: "mean", type: "quantitative" } },
          },
          {
            mark: { type: "text", align: "right", baseline: "bottom", dy: -2, color: "#d62728" },
            encoding: { y: { field: "mean", type: "quantitative" }, x: { value: WIDTH }, text: { field: "label" } },
          },
        ],
      },
    ],
  };
}

/** Vega-Lite spec of `missed-slots.svg`: one bar per epoch spanning [epoch, epoch + 1), its height the misses. */
export function missedSlotsSpec(timeline: readonly SlotRecord[]): TopLevelSpec {
  const epochs = missedPerEpoch(timeline);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Missed slots per epoch",
    width: WIDTH,
    height: HEIGHT,
    name: MISSED_LAYER,
    data: { values: epochs },
    // pre-binned [epoch, epoch + 1) on a quantitative x: readable at hundreds of epochs, where a band scale is not
    transform: [{ calculate: "datum.epoch + 1", as: "epochEnd" }],
    // a white edge separates a few wide bars; at hundreds of epochs it would whiten the bars themselves
    mark: { type: "bar", binSpacing: 0, stroke: "white", strokeWidth: epochs.length <= 100 ? 0.5 : 0 },
    encoding: {
      x: { field: "epoch", type: "quantitative", bin: { binned: true }, title: "Epoch", axis: INTEGER_AXIS },
      x2: { field: "epochEnd" },
      y: { field: "missed", type: "quantitative", title: "Missed slots", axis: INTEGER_AXIS },
    },
  };
}

/**
 * Compiles a Vega-Lite spec to Vega and renders it headless to an SVG string. The SVG clip and gradient id
 * counters are process-global in Vega, so they are reset first: the same spec always gives the same bytes.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  resetSVGDefIds();
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A chart of the report: its file name in the report directory, its alt text and its SVG. */
export type RenderedChart = { file: string; title: string; svg: string };

/** Renders the report's three charts from the timeline, in the order the markdown embeds them. */
export async function renderCharts(timeline: readonly SlotRecord[]): Promise<RenderedChart[]> {
  const charts = [
    {
      file: "tips.svg",
      title: "Pending and proven tips with reorgs, prunes, forks and slashes",
      spec: tipsSpec(timeline),
    },
    { file: "l1-gas.svg", title: "L1 gas per proposal with its mean", spec: l1GasSpec(timeline) },
    { file: "missed-slots.svg", title: "Missed slots per epoch", spec: missedSlotsSpec(timeline) },
  ];
  // sequentially: the def-id reset in renderSvg must not interleave with another render
  const rendered: RenderedChart[] = [];
  for (const { file, title, spec } of charts) rendered.push({ file, title, svg: await renderSvg(spec) });
  return rendered;
}
