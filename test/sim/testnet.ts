import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { EXIT, runTestnet } from "../../src/sim/runTestnet.js";
import type { SimulationReport } from "../../src/sim/types.js";
import { check, simulate } from "../helpers/simulate.js";

/** `npx tsx`'s script: run under this Node, without npx's own start-up. */
const TSX_CLI = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

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
