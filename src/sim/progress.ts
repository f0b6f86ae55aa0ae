import cliProgress from "cli-progress";
import type { SimulationProgress } from "./runSimulation.js";

/**
 * Shows a run's progress on stderr: a live bar on a terminal (slot, L2 blocks, proven tip, reorgs, prunes,
 * slashes, ETA), and one plain line every `every` slots (and at each stage) when piped into a file or CI, with the
 * rate so far and the time left at that rate.
 */
export function progressReporter(opts: {
  tty: boolean;
  every: number;
  stream?: Pick<NodeJS.WriteStream, "write">;
  /** Milliseconds since some origin (tests pass a fake clock). */
  now?: () => number;
}) {
  const stream = (opts.stream ?? process.stderr) as NodeJS.WriteStream;
  const now = opts.now ?? (() => performance.now());
  let bar: cliProgress.SingleBar | undefined;
  let stage = "";
  let runningSince: { ms: number; slot: number } | undefined;
  const pace = (p: SimulationProgress) => {
    if (runningSince === undefined || p.slot <= runningSince.slot) return "";
    const perSecond = ((p.slot - runningSince.slot) * 1000) / Math.max(1, now() - runningSince.ms);
    return ` | ${perSecond.toFixed(1)} slots/s, ETA ${duration((p.slots - p.slot) / perSecond)}`;
  };
  const fields = (p: SimulationProgress) => ({
    blocks: p.blocks,
    pending: p.pendingTip,
    proven: p.provenTip,
    reorgs: p.reorgs,
    prunes: p.prunes,
    slashes: p.slashes,
  });
  return {
    update(p: SimulationProgress): void {
      if (opts.tty) {
        if (p.stage === "running" && bar === undefined) {
          bar = new cliProgress.SingleBar(
            {
              stream,
              format:
                "slot {value}/{total} [{bar}] blocks {blocks} | pending {pending} proven {proven} | reorgs {reorgs} prunes {prunes} slashes {slashes} | ETA {eta_formatted}",
              etaBuffer: 64,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.slots, 0, fields(p));
        }
        if (bar !== undefined && p.stage === "running") bar.update(p.slot, fields(p));
        if (p.stage !== stage && p.stage !== "running") {
          bar?.stop();
          bar = undefined;
          stream.write(`${p.stage}…\n`);
        }
      } else {
        if (p.stage === "running" && runningSince === undefined) runningSince = { ms: now(), slot: p.slot };
        const due = p.stage === "running" && p.slot > 0 && (p.slot % opts.every === 0 || p.slot === p.slots);
        if (p.stage !== stage && p.stage !== "running") stream.write(`${p.stage}…\n`);
        if (due)
          stream.write(
            `slot ${p.slot}/${p.slots}: ${p.blocks} blocks, pending ${p.pendingTip}, proven ${p.provenTip}, ${p.reorgs} reorgs, ${p.prunes} prunes, ${p.slashes} slashes${pace(p)}\n`,
          );
      }
      stage = p.stage;
    },
    stop(): void {
      bar?.stop();
    },
  };
}

/** `1h 02m`, `3m 05s` or `42s`. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, "0");
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${two(Math.floor((s % 3600) / 60))}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${two(s % 60)}s`;
  return `${s}s`;
}
