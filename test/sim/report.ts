import { describe, it, before, after } from "mocha";
import { expect } from "chai";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  MAX_CHART_POINTS,
  envelope,
  eventMarks,
  missedPerEpoch,
  renderCharts,
  tipPoints,
  tipsSpec,
} from "../../src/sim/report/charts.js";
import { renderMarkdown, table } from "../../src/sim/report/renderMarkdown.js";
import { writeReport } from "../../src/sim/report/writeReport.js";
import type { SimulationReport, SlotEvent, SlotRecord } from "../../src/sim/types.js";

const EPOCH = 32;
/** Slots whose proposal never landed: 3 in epoch 0, 2 in epoch 1. */
const MISSED = new Set([3, 10, 17, 40, 41]);
/** Marked on tips.svg: a reorg, a prune and a slash. The proof and the withholding are not. */
const EVENTS: Record<number, SlotEvent[]> = {
  20: [{ kind: "reorg", detail: "depth 2" }],
  31: [{ kind: "proof", detail: "epoch 0 proven" }],
  36: [{ kind: "withheld", detail: "data withheld" }],
  45: [{ kind: "prune", detail: "epoch 1 pruned" }],
  50: [{ kind: "slash", detail: "3 validators" }],
};

/** A 64-slot, 2-epoch timeline: the pending tip grows per proposal, drops on the reorg and the prune. */
function timelineOf(slots: number, missed: (slot: number) => boolean, events: Record<number, SlotEvent[]>) {
  const timeline: SlotRecord[] = [];
  let pending = 0;
  let proven = 0;
  for (let slot = 0; slot < slots; slot++) {
    const proposed = !missed(slot);
    if (proposed) pending++;
    const slotEvents = events[slot] ?? [];
    if (slotEvents.some((e) => e.kind === "reorg")) pending -= 2;
    if (slotEvents.some((e) => e.kind === "proof")) proven = pending;
    if (slotEvents.some((e) => e.kind === "prune")) pending = proven;
    timeline.push({
      slot,
      epoch: Math.floor(slot / EPOCH),
      proposed,
      pendingTip: pending,
      provenTip: proven,
      l1Gas: proposed ? 250_000 + ((slot * 7_919) % 40_000) : null,
      blobGas: proposed ? 131_072 : null,
      txs: proposed ? 8 : 0,
      rollupVersion: 1,
      events: slotEvents,
    });
  }
  return timeline;
}

const timeline = timelineOf(64, (s) => MISSED.has(s), EVENTS);

const report: SimulationReport = {
  phase: "phase2",
  seed: "0x5eed",
  network: "hardhat",
  slots: 64,
  epochs: 2,
  validators: 48,
  committeeSize: 16,
  nodes: 4,
  txsPerBlock: 8,
  blocksProposed: 59,
  missedSlots: 5,
  epochsProven: 1,
  prunes: 1,
  reorgsInjected: 1,
  reorgsRecovered: 1,
  provenTipLagSlots: { max: 40, mean: 17.25 },
  l1GasPerBlock: { mean: 269_123.456, p95: 288_000 },
  blobGasPerBlock: { mean: 131_072 },
  tps: 0.22,
  faults: {
    reorgs: { injected: 1, recovered: 1, maxDepth: 2 },
    offline: { validatorSlots: 12 },
    proverDown: { epochs: 0 },
    withheld: { injected: 1, recovered: 1 },
    equivocations: { injected: 0, recovered: 0 },
    softFork: { atSlot: null, resyncedAtSlot: null },
    hardFork: { atSlot: null, executedAtSlot: null, firstBlockOnNewRollupSlot: null },
  },
  slashes: [{ slot: 50, validators: 3, amount: "3000000000000000000", reason: "withheld data" }],
  fatal: null,
  gate: "pass",
  checks: [
    { name: "missed-slots", pass: true, figure: 5, threshold: 8, detail: "5 of 64 slots missed, at most 8 allowed" },
    { name: "proven-tip-lag", pass: true, figure: 40, threshold: 64, detail: "lag | within two epochs" },
    { name: "reorgs-recovered", pass: true, figure: "1/1", threshold: "all", detail: "every reorg recovered" },
  ],
  wallSeconds: 12.5,
};

const FILES = ["report.json", "slots.json", "report.md", "tips.svg", "l1-gas.svg", "missed-slots.svg"];

/** The items (`<line`, `<path`) of one named Vega mark's SVG group; its items are never nested groups. */
function markItems(svg: string, markName: string, element: "line" | "path"): string[] {
  const group = new RegExp(`class="[^"]*role-mark ${markName}"[^>]*>(.*?)</g>`, "s").exec(svg);
  expect(group, `mark group ${markName}`).to.not.equal(null);
  return group![1].match(new RegExp(`<${element}\\b[^>]*>`, "g")) ?? [];
}

/** An SVG `<text>` with exactly this content (axis and legend titles, labels). */
function hasText(svg: string, text: string): boolean {
  return svg.includes(`>${text}</text>`);
}

describe("sim/report: writeReport", () => {
  let dir: string;
  let files: string[];
  const read = (name: string) => readFile(join(dir, name), "utf8");

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "sim-report-"));
    // a nested directory that does not exist yet: writeReport creates it
    dir = join(dir, "out", "run");
    ({ files } = await writeReport(dir, report, timeline));
  });

  after(async () => {
    await rm(join(dir, "..", ".."), { recursive: true, force: true });
  });

  it("writes the six files into the (created) directory and returns their paths", async () => {
    expect(files).to.deep.equal(FILES.map((f) => join(dir, f)));
    expect((await readdir(dir)).sort()).to.deep.equal([...FILES].sort());
    for (const file of files) expect((await stat(file)).size, file).to.be.greaterThan(0);
  });

  it("report.json is the report, pretty-printed with a final newline", async () => {
    const text = await read("report.json");
    expect(JSON.parse(text)).to.deep.equal(report);
    expect(text).to.equal(JSON.stringify(report, null, 2) + "\n");
  });

  it("slots.json is the timeline, one slot per line", async () => {
    const text = await read("slots.json");
    expect(JSON.parse(text)).to.deep.equal(timeline);
    const lines = text.trimEnd().split("\n");
    expect(lines).to.have.length(timeline.length + 2);
    expect(JSON.parse(lines[1].replace(/,$/, ""))).to.deep.equal(timeline[0]);
  });

  it("every chart is an SVG with the axis titles it was given", async () => {
    const titles: Record<string, string[]> = {
      "tips.svg": ["Slot", "Block number", "Tip", "Event"],
      "l1-gas.svg": ["Slot", "L1 gas"],
      "missed-slots.svg": ["Epoch", "Missed slots"],
    };
    for (const [file, expected] of Object.entries(titles)) {
      const svg = await read(file);
      expect(svg.startsWith("<svg"), file).to.equal(true);
      expect(svg.trimEnd().endsWith("</svg>"), file).to.equal(true);
      for (const title of expected) expect(hasText(svg, title), `${file}: ${title}`).to.equal(true);
    }
  });

  it("tips.svg has two tip lines and one rule per reorg, prune and slash, coloured by kind", async () => {
    const svg = await read("tips.svg");
    // one line mark group per tip (Vega facets a coloured line into a group per series)
    expect(svg.match(/class="mark-line role-mark tips_marks"/g)).to.have.length(2);
    const rules = markItems(svg, "events_marks", "line");
    // the proof (slot 31) and the withholding (slot 36) are not marked
    expect(rules).to.have.length(3);
    expect(rules.map((r) => /aria-label="Slot: (\d+); Event: (\w+)"/.exec(r)?.slice(1))).to.deep.equal([
      ["20", "reorg"],
      ["45", "prune"],
      ["50", "slash"],
    ]);
    expect(new Set(rules.map((r) => /stroke="([^"]+)"/.exec(r)?.[1])).size).to.equal(3);
    for (const kind of ["reorg", "prune", "slash"]) expect(hasText(svg, kind), kind).to.equal(true);
  });

  it("l1-gas.svg has one point per landed proposal and one mean rule", async () => {
    const svg = await read("l1-gas.svg");
    expect(markItems(svg, "gas_marks", "path")).to.have.length(64 - MISSED.size);
    expect(markItems(svg, "mean_layer_0_marks", "line")).to.have.length(1);
    const mean = timeline.flatMap((r) => (r.l1Gas === null ? [] : [r.l1Gas])).reduce((a, b) => a + b) / 59;
    expect(hasText(svg, `mean ${Math.round(mean).toLocaleString("en-US")}`)).to.equal(true);
  });

  it("missed-slots.svg has one bar per epoch with that epoch's missed slots", async () => {
    const bars = markItems(await read("missed-slots.svg"), "missed_marks", "path");
    expect(bars).to.have.length(report.epochs);
    expect(bars.map((b) => /aria-label="Epoch: (\d+) – \d+; Missed slots: (\d+)"/.exec(b)?.slice(1))).to.deep.equal([
      ["0", "3"],
      ["1", "2"],
    ]);
  });

  it("report.md has the verdict, every check, the figures and the embedded charts", async () => {
    const md = await read("report.md");
    expect(md.split("\n")[0]).to.equal("# Testnet simulation: phase 2 — PASS");
    for (const check of report.checks) expect(md, check.name).to.contain(`| ${check.name} |`);
    // a pipe in a detail is escaped, or it would split the row
    expect(md).to.contain("lag \\| within two epochs");
    expect(md).to.contain("| L1 gas per block mean | 269,123.46 |");
    expect(md).to.contain("| Wall seconds | 12.5 |");
    expect(md).to.contain("| 50 | 3 | 3000000000000000000 | withheld data |");
    for (const file of ["tips.svg", "l1-gas.svg", "missed-slots.svg"])
      expect(md).to.match(new RegExp(`!\\[[^\\]]+\\]\\(${file}\\)`));
    expect(md).to.contain("| Soft fork | — | — | not injected |");
    expect(md).to.not.contain("Fatal error");
  });

  it("writes byte-identical files when written twice", async () => {
    const again = await mkdtemp(join(tmpdir(), "sim-report-again-"));
    try {
      await writeReport(again, report, timeline);
      for (const file of FILES) {
        const [a, b] = await Promise.all([readFile(join(dir, file)), readFile(join(again, file))]);
        expect(a.equals(b), file).to.equal(true);
      }
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });
});

describe("sim/report: pure parts", () => {
  it("a failed run's markdown says FAIL, marks the failed check and shows the fatal error", () => {
    const failed: SimulationReport = {
      ...report,
      gate: "fail",
      fatal: "Rollup reverted\nRollup__InvalidArchive()",
      checks: [{ ...report.checks[0], pass: false, figure: 12 }],
      faults: {
        ...report.faults,
        softFork: { atSlot: 20, resyncedAtSlot: null },
        hardFork: { atSlot: 40, executedAtSlot: 41, firstBlockOnNewRollupSlot: 42 },
      },
    };
    const md = renderMarkdown(failed, []);
    expect(md.split("\n")[0]).to.equal("# Testnet simulation: phase 2 — FAIL");
    expect(md).to.contain("| missed-slots | 12 | 8 | FAIL |");
    expect(md).to.contain("## Fatal error\n\nThe run stopped:\n\n    Rollup reverted\n    Rollup__InvalidArchive()");
    expect(md).to.contain("| Soft fork | slot 20 | — | nodes did not resync |");
    expect(md).to.contain("| Hard fork | slot 40 | executed at slot 41 | first block on the new Rollup at slot 42 |");
    expect(md).to.not.contain("## Charts");
  });

  it("a process-mode report shows the kills, the partition and the peer-to-peer figures; an in-process one none", () => {
    const processMode: SimulationReport = {
      ...report,
      faults: {
        ...report.faults,
        processKills: { injected: 2, recovered: 1 },
        partition: {
          ...{ process: "node-1", fromSlot: 104, toSlot: 111, healed: true },
          ...{ majorityProposerSlots: 6, majorityBlocks: 6 },
        },
      },
      p2p: {
        messages: { received: 906, published: 234, dropped: 3, perSlot: 14.2 },
        attestationCollectionMs: { samples: 61, p50: 215.7, p95: 384.2, max: 5_646.8 },
        processes: [
          { name: "node-0", validators: 12, starts: 3, cpuSeconds: 10.4, peakRssMb: 258.8, clientVersion: "a/1.1.0" },
          { name: "prover", validators: 0, starts: 1, cpuSeconds: 10.7, peakRssMb: 291.1, clientVersion: null },
        ],
      },
    };
    const md = renderMarkdown(processMode, []);
    expect(md).to.contain("| Process kills (SIGKILL) | 2 | 1 | restarted on its store and caught up with L1 |");
    expect(md).to.contain(
      "| Partition | node-1, slots 104..111 | healed | majority produced 6 of 6 blocks its proposers were due |",
    );
    expect(md).to.contain("## Peer-to-peer network");
    expect(md).to.contain("| Messages dropped (invalid or duplicate) | 3 |");
    expect(md).to.contain("| Attestation collection p95 (ms) | 384.2 |");
    expect(md).to.contain("| Attestation collection max (ms) | 5,646.8 |");
    expect(md).to.contain("| node-0 | 12 | 3 | 10.4 | 258.8 | a/1.1.0 |");
    expect(md).to.contain("| prover | 0 | 1 | 10.7 | 291.1 | — |");
    const inProcess = renderMarkdown(report, []);
    for (const absent of ["Peer-to-peer", "Process kills", "| Partition |"]) expect(inProcess).to.not.contain(absent);
  });

  it("table() escapes pipes and flattens line breaks so each row stays one row", () => {
    expect(table(["a", "b"], [["x|y", "1\n2"]])).to.equal("| a | b |\n| --- | --- |\n| x\\|y | 1 2 |");
  });

  it("missedPerEpoch counts proposed === false per epoch, zero-miss epochs included", () => {
    const tl = timelineOf(96, (s) => s === 70 || s === 71 || s === 72, {});
    expect(missedPerEpoch(tl)).to.deep.equal([
      { epoch: 0, missed: 0, slots: 32 },
      { epoch: 1, missed: 0, slots: 32 },
      { epoch: 2, missed: 3, slots: 32 },
    ]);
  });

  it("envelope keeps every row when short and each bucket's min and max when long", () => {
    const rows = [5, 1, 9, 4, 4, 7, 0, 3];
    expect(envelope(rows, 8, (v) => v)).to.equal(rows);
    // 2 buckets of 4: [5, 1, 9, 4] keeps 1 then 9; [4, 7, 0, 3] keeps 7 then 0
    expect(envelope(rows, 4, (v) => v)).to.deep.equal([1, 9, 7, 0]);
  });

  it("a 12,000-slot run is thinned to at most MAX_CHART_POINTS per tip line, keeping a prune's drop", async () => {
    const long = timelineOf(12_000, (s) => s % 9 === 4, {
      6_000: [{ kind: "prune", detail: "" }],
      7_001: [{ kind: "reorg", detail: "" }],
    });
    const points = tipPoints(long);
    const pending = points.filter((p) => p.tip === "pending");
    expect(pending.length).to.be.at.most(MAX_CHART_POINTS);
    expect(points.filter((p) => p.tip === "proven").length).to.be.at.most(MAX_CHART_POINTS);
    // nothing is proven, so the prune drops the pending tip to 0: the envelope keeps that minimum
    expect(pending.some((p) => p.slot >= 6_000 && p.block === 0)).to.equal(true);
    expect(eventMarks(long)).to.have.length(2);
    const spec = tipsSpec(long);
    expect(JSON.stringify(spec.title)).to.contain(`of ${2 * long.length} points shown`);
    const charts = await renderCharts(long);
    expect(charts.map((c) => c.file)).to.deep.equal(["tips.svg", "l1-gas.svg", "missed-slots.svg"]);
    expect(markItems(charts[0].svg, "events_marks", "line")).to.have.length(2);
    expect(markItems(charts[2].svg, "missed_marks", "path")).to.have.length(12_000 / EPOCH);
  });
});
