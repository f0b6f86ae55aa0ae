import { describe, it } from "mocha";
import { expect } from "chai";
import { duration, progressReporter } from "../../src/sim/progress.js";
import type { SimulationProgress } from "../../src/sim/runSimulation.js";

const at = (stage: SimulationProgress["stage"], slot: number): SimulationProgress => ({
  stage,
  slot,
  slots: 12_000,
  blocks: slot,
  pendingTip: slot,
  provenTip: Math.max(0, slot - 32),
  reorgs: 0,
  prunes: 0,
  slashes: 0,
});

describe("progress in a non-TTY: one line per N slots with the rate and the time left", () => {
  it("prints each stage once and every N-th slot with slots/s and ETA from the slot loop's start", () => {
    const lines: string[] = [];
    let ms = 0;
    const progress = progressReporter({
      tty: false,
      every: 32,
      stream: { write: (l: string) => lines.push(l) > 0 },
      now: () => ms,
    });
    progress.update(at("deploying", 0));
    progress.update(at("running", 0));
    for (let slot = 1; slot <= 64; slot++) {
      ms += 100; // 10 slots/s
      progress.update(at("running", slot));
    }
    progress.update(at("draining", 64));
    expect(lines).to.deep.equal([
      "deploying…\n",
      "slot 32/12000: 32 blocks, pending 32, proven 0, 0 reorgs, 0 prunes, 0 slashes | 10.0 slots/s, ETA 19m 57s\n",
      "slot 64/12000: 64 blocks, pending 64, proven 32, 0 reorgs, 0 prunes, 0 slashes | 10.0 slots/s, ETA 19m 54s\n",
      "draining…\n",
    ]);
  });

  it("formats durations in hours, minutes or seconds", () => {
    expect([duration(42.4), duration(185), duration(3725)]).to.deep.equal(["42s", "3m 05s", "1h 02m"]);
  });
});
