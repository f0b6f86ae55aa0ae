import type { FaultCounts, SimulationReport } from "../types.js";

/**
 * `report.md`: the run's `SimulationReport` for a person. A pure function of the report and the chart files
 * next to it, so the same report always gives the same bytes.
 */

/** A chart embedded in the markdown: its path relative to `report.md` and its alt text. */
export type ChartRef = { file: string; title: string };

/** Numbers in US English grouping with at most two decimals (gas means, lag means); strings as they are. */
export function formatFigure(value: number | string | null): string {
  if (value === null) return "—";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** A table cell: pipes escaped and line breaks flattened, or a detail would break the table's row. */
export function cell(value: number | string | null): string {
  return formatFigure(value).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A GitHub-flavoured markdown table. */
export function table(header: readonly string[], rows: readonly (readonly (number | string | null)[])[]): string {
  const line = (values: readonly (number | string | null)[]) => `| ${values.map(cell).join(" | ")} |`;
  return [line(header), `| ${header.map(() => "---").join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** `PASS` or `FAIL`, the word the title and the checks table use for the gate. */
export function verdict(pass: boolean): "PASS" | "FAIL" {
  return pass ? "PASS" : "FAIL";
}

function counts(c: FaultCounts): [number, number] {
  return [c.injected, c.recovered];
}

function checksSection(report: SimulationReport): string {
  if (report.checks.length === 0) return "## Gate checks\n\nNo checks were run.";
  const rows = report.checks.map((c) => [c.name, c.figure, c.threshold, verdict(c.pass), c.detail]);
  return `## Gate checks\n\n${table(["Check", "Figure", "Threshold", "Result", "Detail"], rows)}`;
}

function summarySection(r: SimulationReport): string {
  const rows: [string, number | string][] = [
    ["Slots", r.slots],
    ["Epochs", r.epochs],
    ["Blocks proposed", r.blocksProposed],
    ["Missed slots", r.missedSlots],
    ["Epochs proven", r.epochsProven],
    ["Prunes", r.prunes],
    ["Reorgs injected", r.reorgsInjected],
    ["Reorgs recovered", r.reorgsRecovered],
    ["Proven-tip lag max (slots)", r.provenTipLagSlots.max],
    ["Proven-tip lag mean (slots)", r.provenTipLagSlots.mean],
    ["L1 gas per block mean", r.l1GasPerBlock.mean],
    ["L1 gas per block p95", r.l1GasPerBlock.p95],
    ["Blob gas per block mean", r.blobGasPerBlock.mean],
    ["TPS", r.tps],
    ["Wall seconds", r.wallSeconds],
  ];
  return `## Summary\n\n${table(["Figure", "Value"], rows)}`;
}

function faultsSection(r: SimulationReport): string {
  const f = r.faults;
  const rows: (number | string | null)[][] = [
    ["Reorgs", ...counts(f.reorgs), `max depth ${formatFigure(f.reorgs.maxDepth)}`],
    ["Offline validators", null, null, `${formatFigure(f.offline.validatorSlots)} validator-slots`],
    ["Prover down", null, null, `${formatFigure(f.proverDown.epochs)} epochs`],
    ["Withheld data", ...counts(f.withheld), ""],
    ["Equivocations", ...counts(f.equivocations), ""],
    [
      "Soft fork",
      f.softFork.atSlot === null ? null : `slot ${f.softFork.atSlot}`,
      f.softFork.resyncedAtSlot === null ? null : `slot ${f.softFork.resyncedAtSlot}`,
      f.softFork.atSlot === null
        ? "not injected"
        : f.softFork.resyncedAtSlot === null
          ? "nodes did not resync"
          : "nodes resynced",
    ],
    [
      "Hard fork",
      f.hardFork.atSlot === null ? null : `slot ${f.hardFork.atSlot}`,
      f.hardFork.executedAtSlot === null ? null : `executed at slot ${f.hardFork.executedAtSlot}`,
      f.hardFork.atSlot === null
        ? "not injected"
        : f.hardFork.firstBlockOnNewRollupSlot === null
          ? "no block on the new Rollup"
          : `first block on the new Rollup at slot ${f.hardFork.firstBlockOnNewRollupSlot}`,
    ],
  ];
  if (f.processKills !== undefined)
    rows.push(["Process kills (SIGKILL)", ...counts(f.processKills), "restarted on its store and caught up with L1"]);
  if (f.partition != null) {
    const cut = f.partition;
    rows.push([
      "Partition",
      `${cut.process}, slots ${cut.fromSlot}..${cut.toSlot}`,
      cut.healed ? "healed" : "not healed",
      `majority produced ${cut.majorityBlocks} of ${cut.majorityProposerSlots} blocks its proposers were due`,
    ]);
  }
  return `## Faults\n\n${table(["Fault", "Injected", "Recovered", "Detail"], rows)}`;
}

/** Process mode: gossip totals, attestation collection times, and each process's starts, CPU and memory. */
function p2pSection(r: SimulationReport): string | null {
  if (r.p2p === undefined) return null;
  const { messages: m, attestationCollectionMs: c, processes } = r.p2p;
  const totals = table(
    ["Figure", "Value"],
    [
      ["Messages received", m.received],
      ["Messages published", m.published],
      ["Messages dropped (invalid or duplicate)", m.dropped],
      ["Messages received per slot", m.perSlot],
      ["Attestation collection samples", c.samples],
      ["Attestation collection p50 (ms)", c.p50],
      ["Attestation collection p95 (ms)", c.p95],
      ["Attestation collection max (ms)", c.max],
    ],
  );
  const perProcess = table(
    ["Process", "Validators", "Starts", "CPU seconds", "Peak memory (MB)", "Client version"],
    processes.map((p) => [p.name, p.validators, p.starts, p.cpuSeconds, p.peakRssMb, p.clientVersion]),
  );
  return `## Peer-to-peer network\n\nCollection: from a proposal's broadcast to its proposer holding floor(2n/3)+1 signatures.\n\n${totals}\n\n${perProcess}`;
}

function slashesSection(r: SimulationReport): string {
  if (r.slashes.length === 0) return "## Slashes\n\nNone.";
  const rows = r.slashes.map((s) => [s.slot, s.validators, s.amount, s.reason]);
  return `## Slashes\n\n${table(["Slot", "Validators", "Amount", "Reason"], rows)}`;
}

function fatalSection(r: SimulationReport): string | null {
  if (r.fatal === null) return null;
  // an indented block, not a fence: an error message containing ``` cannot close it early
  const body = r.fatal
    .split(/\r?\n/)
    .map((l) => `    ${l}`)
    .join("\n");
  return `## Fatal error\n\nThe run stopped:\n\n${body}`;
}

function chartsSection(charts: readonly ChartRef[]): string | null {
  if (charts.length === 0) return null;
  // alt text without brackets, so it cannot end the image's label early
  const images = charts.map((c) => `![${c.title.replace(/[[\]]/g, "")}](${encodeURI(c.file)})`);
  return `## Charts\n\n${images.join("\n\n")}`;
}

/**
 * Renders `report` as markdown: a title with the phase and the gate's verdict, the gate checks, the headline
 * figures, the faults, the peer-to-peer figures (process mode), the slashes, the fatal error (only when there is one) and `charts` embedded by relative
 * path. Ends with a newline.
 */
export function renderMarkdown(report: SimulationReport, charts: readonly ChartRef[]): string {
  const pass = report.gate === "pass";
  const passed = report.checks.filter((c) => c.pass).length;
  const run = [
    `Seed \`${report.seed}\` on ${report.network}: ${formatFigure(report.validators)} validators,`,
    `committee of ${formatFigure(report.committeeSize)}, ${formatFigure(report.nodes)} nodes,`,
    `${formatFigure(report.txsPerBlock)} transactions per block.`,
    `Gate **${verdict(pass)}**: ${passed} of ${report.checks.length} checks passed.`,
  ].join(" ");
  const sections = [
    `# Testnet simulation: ${report.phase.replace(/^phase(\d)$/, "phase $1")} — ${verdict(pass)}`,
    run,
    checksSection(report),
    summarySection(report),
    faultsSection(report),
    p2pSection(report),
    slashesSection(report),
    fatalSection(report),
    chartsSection(charts),
  ];
  return `${sections.filter((s): s is string => s !== null).join("\n\n")}\n`;
}
