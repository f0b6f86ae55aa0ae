import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseTestnetArgs, type SimulationOptions } from "../../src/sim/options.js";
import { runSimulation } from "../../src/sim/runSimulation.js";
import { EXIT, runTestnet } from "../../src/sim/runTestnet.js";
import type { SimulationReport } from "../../src/sim/types.js";

/** `npx tsx`'s script: run under this Node, without npx's own start-up. */
const TSX_CLI = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

/** Runs the simulator on a fresh in-process network with `args` (as `npm run testnet -- args`). */
async function simulate(...args: string[]) {
  const options = parseTestnetArgs(args) as SimulationOptions;
  return runSimulation(await network.create(), options);
}

const check = (report: SimulationReport, name: string) => {
  const found = report.checks.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no gate check ${name} in ${report.checks.map((c) => c.name).join(", ")}`);
  return found;
};

describe("npm run testnet (simulator)", () => {
  it("phase 1 for 2 epochs: every slot gets a block, both epochs are proven, every node equals a resync, the gate passes", async () => {
    const { report, timeline } = await simulate("--phase", "1", "--epochs", "2");
    expect(report).to.include({ phase: "phase1", slots: 64, validators: 48, committeeSize: 16, nodes: 4 });
    expect(report).to.include({ blocksProposed: 64, missedSlots: 0, epochsProven: 2, prunes: 0, fatal: null });
    expect(report.tps).to.be.greaterThanOrEqual(0.02);
    expect(report.checks.map((c) => [c.name, c.pass])).to.deep.equal([
      ["noFatalError", true],
      ["pendingChainAdvances", true],
      ["provingKeepsUp", true],
      ["throughput", true],
      ["stateMatchesResync", true],
    ]);
    expect(check(report, "stateMatchesResync").figure).to.equal("4/4 nodes");
    expect(report.gate).to.equal("pass");
    expect(timeline.every((r) => r.proposed && r.l1Gas! > 100_000 && r.blobGas === 131_072)).to.equal(true);
    expect(timeline.at(-1)!.pendingTip).to.equal(64);
    expect(timeline.flatMap((r) => r.events.filter((e) => e.kind === "proof"))).to.have.length(1); // the second in the drain
  });

  it("is deterministic: the same arguments and seed give the same report (apart from wall-clock seconds) and timeline", async () => {
    const args = ["--slots", "10", "--reorg-rate", "0.3", "--offline-rate", "0.1", "--seed", "7"];
    const a = await simulate(...args);
    const b = await simulate(...args);
    expect(a.report.reorgsInjected).to.be.greaterThan(0);
    expect({ ...a.report, wallSeconds: 0 }).to.deep.equal({ ...b.report, wallSeconds: 0 });
    expect(a.timeline).to.deep.equal(b.timeline);
    const c = await simulate("--slots", "10", "--reorg-rate", "0.3", "--offline-rate", "0.1", "--seed", "8");
    expect(c.timeline.map((r) => r.events)).to.not.deep.equal(a.timeline.map((r) => r.events));
  });

  it("phase 3 with L1 reorgs, offline validators, withheld blobs and equivocation: every reorg is rolled back, the withheld block's epoch is pruned and its committee and the equivocators are slashed, nothing is lost or counted twice", async () => {
    const { report, timeline } = await simulate(
      ...["--phase", "3", "--slots", "150", "--seed", "193", "--reorg-rate", "0.1", "--offline-rate", "0.05"],
      ...[
        "--withhold-rate",
        "0.02",
        "--equivocate",
        "2",
        "--parameters",
        "ignition/parameters/overrides/short-rounds.json",
      ],
    );
    expect(report.faults.withheld.injected).to.equal(1);
    expect(report.reorgsInjected).to.be.greaterThan(5);
    expect(report.reorgsRecovered).to.equal(report.reorgsInjected);
    expect(report.faults.offline.validatorSlots).to.be.greaterThan(0);
    expect(report.prunes).to.equal(1);
    const withheldSlot = timeline.find((r) => r.events.some((e) => e.kind === "withheld"))!.slot;
    const pruneSlot = timeline.find((r) => r.events.some((e) => e.kind === "prune"))!.slot;
    // the window of the withheld epoch closes at the start of epoch E+2: the first online proposer after it prunes
    const deadline = (Math.floor(withheldSlot / 32) + 2) * 32;
    expect(pruneSlot).to.be.within(deadline, deadline + 8);
    expect(check(report, "stateMatchesResync")).to.include({ pass: true, figure: "4/4 nodes" });
    expect(check(report, "reorgsRecovered").pass).to.equal(true);
    expect(check(report, "provingKeepsUp").pass, check(report, "provingKeepsUp").detail).to.equal(true);
    // the pruned epoch's committee (which includes the equivocators) is slashed through rounds signalled to quorum
    expect(check(report, "offendersSlashed")).to.include({ pass: true, figure: "16/16" });
    expect(report.faults.equivocations).to.deep.equal({ injected: 2, recovered: 2 });
    expect(report.slashes.length).to.be.greaterThan(0);
    expect(report.slashes.every((x) => BigInt(x.amount) === BigInt(x.validators) * 10n ** 19n)).to.equal(true);
    const committeeSlash = report.slashes.find((x) => x.validators === 16)!;
    expect(committeeSlash.slot).to.be.greaterThan(pruneSlot); // signalled after the prune, executed after the veto round
    expect(timeline.some((r) => r.events.some((e) => e.kind === "slash"))).to.equal(true);
  });

  it("a prover down past the proof window: the epoch is pruned and production resumes (explained by the fault); down to the end, the gate fails naming the unproven epochs", async () => {
    const pruned = await simulate("--slots", "96", "--prover-down-epochs", "0:1");
    expect(pruned.report.prunes).to.equal(1);
    expect(pruned.report.epochsProven).to.be.greaterThan(0);
    expect(check(pruned.report, "provingKeepsUp").pass, check(pruned.report, "provingKeepsUp").detail).to.equal(true);
    expect(pruned.timeline.slice(-16).every((r) => r.proposed)).to.equal(true);

    const down = await simulate("--slots", "40", "--prover-down-epochs", "0:9");
    expect(down.report.gate).to.equal("fail");
    const proving = check(down.report, "provingKeepsUp");
    expect(proving.pass).to.equal(false);
    expect(proving.detail).to.match(/^epochs \d+(, \d+)* were neither proven nor pruned by the end of the run$/);
  });

  it("phase 2 with the soft fork and the governance hard fork: nodes resync and produce again; the upgrade is signalled, voted, executed, and validators (followers and migrated) produce and prove on Rollup v2", async () => {
    const { report, timeline } = await simulate(
      ...["--phase", "2", "--slots", "140", "--soft-fork-at", "2", "--hard-fork-at", "4"],
      ...["--parameters", "ignition/parameters/overrides/short-rounds.json"],
    );
    expect(report.faults.softFork).to.deep.equal({ atSlot: timeline[2].slot, resyncedAtSlot: timeline[2].slot });
    expect(check(report, "softForkRecovered")).to.include({ pass: true, figure: "0 slots" });
    const hardFork = check(report, "hardForkSucceeded");
    expect(hardFork.pass, hardFork.detail).to.equal(true);
    const { executedAtSlot, firstBlockOnNewRollupSlot } = report.faults.hardFork;
    expect(executedAtSlot).to.be.greaterThan(timeline[4].slot);
    // v2's first committee is sampled two epochs after the execution: the nodes switch at that epoch's first slot
    expect(firstBlockOnNewRollupSlot).to.equal((Math.floor(executedAtSlot! / 32) + 2) * 32);
    const v2 = timeline.filter((r) => r.rollupVersion === 2);
    expect(v2.length).to.be.greaterThan(0);
    expect(v2.every((r) => r.proposed)).to.equal(true);
    expect(v2[0].pendingTip).to.equal(1); // block numbers start again on the new Rollup
    expect(timeline.flatMap((r) => r.events.filter((e) => e.kind === "hardFork").map((e) => e.detail))).to.deep.equal([
      "executed",
      "nodes moved to Rollup v2",
    ]);
    expect(check(report, "stateMatchesResync")).to.include({ pass: true, figure: "5/5 nodes" }); // 4 on v2, v1's prover
    expect(report.missedSlots).to.equal(0);
    expect(report.gate).to.equal("pass");
  });

  it("writes report.json, report.md, slots.json and the charts; bad arguments get one line and exit code 2", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "testnet-"));
    const lines: string[] = [];
    const err = Object.assign(Object.create(process.stderr), { write: (s: string) => lines.push(s) !== 0 });
    const io = { out: (l: string) => lines.push(l), err, tty: false };
    expect(await runTestnet(["--slots", "4", "--out", out], () => network.create(), io)).to.equal(EXIT.pass);
    const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as SimulationReport;
    expect(report).to.include({ slots: 4, gate: "pass" });
    expect(await readFile(path.join(out, "tips.svg"), "utf8")).to.match(/^<svg/);
    expect(lines.some((l) => l.startsWith("phase1: gate PASS after 4 slots"))).to.equal(true);

    for (const [args, message] of [
      [["--phase", "9"], 'error: --phase is not a phase. Expected: 1, 2, 3, 4 or stress. Given: "9".'],
      [["--slots", "0"], 'error: --slots is not a whole number of at least 1. Expected: an integer ≥ 1. Given: "0".'],
      [["--reorg-rate", "2"], 'error: --reorg-rate is not a rate. Expected: a number from 0 to 1. Given: "2".'],
      [
        ["--slots", "4", "--epochs", "1"],
        'error: Give one run length. Expected: one of --slots, --epochs, --hours. Given: "--slots --epochs".',
      ],
      [
        ["--soft-fork-at", "70"],
        'error: --soft-fork-at is after the run\'s last slot. Expected: a slot in 0..63. Given: "70".',
      ],
    ] as const) {
      lines.length = 0;
      expect(await runTestnet(args, () => network.create(), io), args.join(" ")).to.equal(EXIT.usage);
      expect(lines.join("")).to.equal(`${message}\nRun with --help for the options.\n`);
    }

    const run = promisify(execFile);
    const failed = await run(process.execPath, [TSX_CLI, "scripts/testnet.ts", "--bogus"]).catch(
      (e: Error & { code: number; stderr: string }) => e,
    );
    expect((failed as { code: number }).code).to.equal(EXIT.usage);
    expect((failed as { stderr: string }).stderr.trim().split("\n")[0]).to.match(/^error: Unknown option '--bogus'/);
  });
});
