import { describe, it } from "mocha";
import { expect } from "chai";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { EXIT } from "../../src/sim/runTestnet.js";
import type { SimulationReport, SlotRecord } from "../../src/sim/types.js";
import { check, testnet } from "../helpers/simulate.js";

describe("npm run testnet -- --processes 4 --hard-fork-at (the governance upgrade over node:run processes)", () => {
  it("phase 2 with the rolling soft fork, then the hard fork: signalled, voted and executed from the validators' keys; every validator process restarts on Rollup v2 and produces from the switch slot on, a second prover proves v2 while the first proves v1's last epoch; every store equals a resync", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "testnet-process-hard-fork-"));
    try {
      const forks = ["--soft-fork-at", "2", "--hard-fork-at", "4"];
      const shortRounds = ["--parameters", "ignition/parameters/overrides/short-rounds.json"];
      const args = ["--processes", "4", "--phase", "2", "--slots", "140", ...forks, ...shortRounds, "--out", out];
      const { code, lines } = await testnet(args);
      expect(code, lines.join("\n")).to.equal(EXIT.pass);
      const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as SimulationReport;
      const timeline = JSON.parse(await readFile(path.join(out, "slots.json"), "utf8")) as SlotRecord[];
      expect(check(report, "softForkRecovered")).to.include({ pass: true });
      const hardFork = check(report, "hardForkSucceeded");
      expect(hardFork.pass, hardFork.detail).to.equal(true);
      const { executedAtSlot, firstBlockOnNewRollupSlot } = report.faults.hardFork;
      expect(executedAtSlot).to.be.greaterThan(timeline[4].slot);
      // the processes move before the first slot of the epoch two after the execution, whose proposer produces
      const switchSlot = (Math.floor(executedAtSlot! / 32) + 2) * 32;
      expect(firstBlockOnNewRollupSlot).to.equal(switchSlot);
      const v2 = timeline.filter((r) => r.rollupVersion === 2);
      expect(v2[0].slot).to.equal(switchSlot);
      expect(v2.every((r) => r.proposed)).to.equal(true);
      expect(v2[0].pendingTip).to.equal(1); // block numbers start again on the new Rollup
      expect(timeline.find((r) => r.slot === switchSlot)!.events.map((e) => e.detail)).to.include(
        "nodes moved to Rollup v2",
      );
      // v1 up to the switch and v2 after: every epoch proven, on both chains
      expect(check(report, "provingKeepsUp")).to.include({ pass: true });
      const processes = report.p2p!.processes;
      expect(processes.map((p) => [p.name, p.starts])).to.deep.equal([
        ...["node-0", "node-1", "node-2", "node-3"].map((name) => [name, 3]), // start, soft fork, switch
        ["prover", 2],
        ["prover-v2", 1],
      ]);
      expect(processes.every((p) => p.clientVersion === "sp-testnet-node/1.1.0")).to.equal(true);
      // the 4 validator processes' v2 stores and both provers' stores
      expect(check(report, "stateMatchesResync")).to.include({ pass: true, figure: "6/6 nodes" });
      // a slot can be missed only while its proposer's process restarts onto the new client
      expect(report.missedSlots).to.be.at.most(4);
      expect(report.gate).to.equal("pass");
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
