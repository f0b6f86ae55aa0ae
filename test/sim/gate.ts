import { describe, it } from "mocha";
import { expect } from "chai";
import { gateChecks } from "../../src/sim/gate.js";
import { parseTestnetArgs, type SimulationOptions } from "../../src/sim/options.js";
import type { RunLog } from "../../src/sim/summarize.js";

/** The gate of a process run whose epochs all passed, with the given kills and partition. */
function checksWith(
  processFaults: NonNullable<RunLog["processFaults"]> | null,
  consistency = { checked: 5, consistent: 5, differing: [] as string[] },
) {
  const options = parseTestnetArgs(["--processes", "4", "--kill-rate", "0.1"]) as SimulationOptions;
  return gateChecks({
    phase: "phase1",
    options,
    records: [],
    outcomes: [],
    slotSeconds: 36,
    tpsGoal: 0.02,
    fatal: null,
    consistency,
    reorgs: [],
    softFork: null,
    hardFork: null,
    slashing: { expected: 0, slashed: 0, payloads: 0 },
    processFaults,
  });
}

const partition = {
  ...{ process: "node-2", fromSlot: 104, toSlot: 111, healed: true },
  ...{ majorityProposerSlots: 6, majorityBlocks: 6 },
};

describe("sim/gate: process faults", () => {
  it("every killed process caught up and the majority produced through the partition: both checks pass", () => {
    const checks = checksWith({ kills: { injected: 2, recovered: 2 }, partition, events: [] });
    expect(checks.find((c) => c.name === "killedProcessesRecovered")).to.include({ pass: true, figure: "2/2" });
    expect(checks.find((c) => c.name === "partitionTolerated")).to.include({ pass: true, figure: "6/6 slots" });
  });

  it("a killed process that never caught up fails killedProcessesRecovered with the count", () => {
    const check = checksWith({ kills: { injected: 2, recovered: 1 }, partition: null, events: [] }).find(
      (c) => c.name === "killedProcessesRecovered",
    );
    expect(check).to.include({ pass: false, figure: "1/2" });
    expect(check!.detail).to.equal("1 killed processes had not caught up with L1 by the end of the run");
  });

  it("a majority slot without its block, an unhealed cut or no majority slot at all fails partitionTolerated", () => {
    for (const cut of [
      { ...partition, majorityBlocks: 5 },
      { ...partition, healed: false },
      { ...partition, majorityProposerSlots: 0, majorityBlocks: 0 },
    ]) {
      const check = checksWith({ kills: { injected: 0, recovered: 0 }, partition: cut, events: [] }).find(
        (c) => c.name === "partitionTolerated",
      );
      expect(check, JSON.stringify(cut)).to.include({ pass: false });
    }
  });

  it("a store that differs from a resync fails stateMatchesResync and is named", () => {
    const consistency = { checked: 6, consistent: 4, differing: ["node-1", "prover"] };
    const check = checksWith(null, consistency).find((c) => c.name === "stateMatchesResync");
    expect(check).to.include({ pass: false, figure: "4/6 nodes" });
    expect(check!.detail).to.equal("the store of node-1, prover differs from a fresh resync from L1");
  });

  it("an in-process run, or a process run without kills or partition, has neither check", () => {
    for (const faults of [null, { kills: { injected: 0, recovered: 0 }, partition: null, events: [] }]) {
      const names = checksWith(faults).map((c) => c.name);
      expect(names).to.not.include("killedProcessesRecovered");
      expect(names).to.not.include("partitionTolerated");
    }
  });
});
