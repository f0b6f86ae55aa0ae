import cliProgress from "cli-progress";
import type { SimulationProgress } from "./runSimulation.js";

/**
 * Shows a run's progress on stderr: a live bar on a terminal (slot, L2 blocks, proven tip, reorgs, prunes,
 * slashes, ETA), and one plain line every `every` slots (and at each stage) when piped into a file or CI.
 */
export function progressReporter(opts: { tty: boolean; every: number; stream?: NodeJS.WriteStream }) {
  const stream = opts.stream ?? process.stderr;
  let bar: cliProgress.SingleBar | undefined;
  let stage = "";
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
        const due = p.stage === "running" && (p.slot % opts.every === 0 || p.slot === p.slots);
        if (p.stage !== stage && p.stage !== "running") stream.write(`${p.stage}…\n`);
        if (due)
          stream.write(
            `slot ${p.slot}/${p.slots}: ${p.blocks} blocks, pending ${p.pendingTip}, proven ${p.provenTip}, ${p.reorgs} reorgs, ${p.prunes} prunes, ${p.slashes} slashes\n`,
          );
      }
      stage = p.stage;
    },
    stop(): void {
      bar?.stop();
    },
  };
}
