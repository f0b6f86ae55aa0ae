import { describe, it } from "mocha";
import { expect } from "chai";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { EXIT } from "../../src/sim/runTestnet.js";
import type { SimulationReport, SlotRecord } from "../../src/sim/types.js";
import { testnet } from "../helpers/simulate.js";

const TSX_CLI = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

/** Every live descendant of `pid` with its command line (from `/proc`). */
function descendants(pid: number): { pid: number; cmd: string }[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // exited while listed
    }
  }
  const found: { pid: number; cmd: string }[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      let cmd = "";
      try {
        cmd = readFileSync(`/proc/${c}/cmdline`, "utf8").replace(/\0/g, " ");
      } catch {
        continue;
      }
      found.push({ pid: c, cmd });
      walk(c);
    }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
};

describe("npm run testnet -- --processes N (node:run processes over libp2p, npx hardhat node as L1)", () => {
  it("phase 1 for 2 epochs over 4 validator processes and a prover: every slot gets a block, both epochs proven, every store equals a resync, p2p figures in the report", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "testnet-processes-"));
    try {
      const { code, lines } = await testnet(["--processes", "4", "--epochs", "2", "--out", out]);
      expect(code, lines.join("\n")).to.equal(EXIT.pass);
      const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as SimulationReport & {
        p2p: {
          messages: { received: number; published: number; dropped: number };
          attestationCollectionMs: { samples: number; p50: number; p95: number };
          processes: { name: string; validators: number; starts: number }[];
        };
      };
      expect(report).to.include({ phase: "phase1", slots: 64, validators: 48, nodes: 4, gate: "pass", fatal: null });
      expect(report).to.include({ blocksProposed: 64, missedSlots: 0, epochsProven: 2 });
      expect(report.checks.find((c) => c.name === "stateMatchesResync")).to.include({
        pass: true,
        figure: "5/5 nodes",
      });
      expect(report.p2p.processes.map((p) => [p.name, p.validators, p.starts])).to.deep.equal([
        ["node-0", 12, 1],
        ["node-1", 12, 1],
        ["node-2", 12, 1],
        ["node-3", 12, 1],
        ["prover", 0, 1],
      ]);
      expect(report.p2p.messages.dropped).to.equal(0);
      expect(report.p2p.messages.received).to.be.greaterThan(report.p2p.messages.published);
      // every proposal collected its attestations over the network
      expect(report.p2p.attestationCollectionMs.samples).to.be.greaterThanOrEqual(64);
      expect(report.p2p.attestationCollectionMs.p50).to.be.greaterThan(0);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("with --soft-fork-at, --kill-rate and --partition: every process restarts onto the new client and resyncs, a SIGKILLed process restarts on its store and catches up, the majority produces through the partition, the gate passes", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "testnet-process-faults-"));
    try {
      const faults = ["--soft-fork-at", "8", "--kill-rate", "0.05", "--partition", "40:47"];
      const args = ["--processes", "4", "--epochs", "2", ...faults, "--out", out];
      const { code, lines } = await testnet(args);
      expect(code, lines.join("\n")).to.equal(EXIT.pass);
      const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as SimulationReport;
      const timeline = JSON.parse(await readFile(path.join(out, "slots.json"), "utf8")) as SlotRecord[];
      const { processKills, partition } = report.faults;
      // the seed's kills: each restarted process caught up, and its store still equals a resync from L1
      expect(processKills!.injected).to.be.greaterThan(0);
      expect(processKills!.recovered).to.equal(processKills!.injected);
      // the rolling restart: one process per run slot from 8 (the prover at 12), each on the new client, resynced
      const { processes } = report.p2p!;
      expect(processes.map((p) => p.clientVersion)).to.deep.equal(Array(5).fill("sp-testnet-node/1.1.0"));
      expect(report.faults.softFork.atSlot).to.equal(timeline[8].slot);
      expect(report.faults.softFork.resyncedAtSlot).to.be.at.least(timeline[12].slot);
      const starts = processes.reduce((n, p) => n + p.starts, 0);
      expect(starts - processes.length).to.equal(processKills!.injected + processes.length);
      const checks = Object.fromEntries(report.checks.map((c) => [c.name, c]));
      expect(checks.killedProcessesRecovered).to.include({ pass: true });
      expect(checks.softForkRecovered).to.include({ pass: true });
      expect(checks.stateMatchesResync).to.include({ pass: true, figure: "5/5 nodes" });
      // the run slots 40..47: the process with the fewest seats cut off, every majority proposer's block landed
      expect(partition).to.include({ fromSlot: timeline[40].slot, healed: true });
      expect(partition!.toSlot).to.equal(timeline[47].slot);
      expect(partition!.majorityProposerSlots).to.be.greaterThan(0);
      expect(partition!.majorityBlocks).to.equal(partition!.majorityProposerSlots);
      expect(checks.partitionTolerated).to.include({ pass: true });
      // only slots whose proposer was down (1 to 3 slots per kill, 1 per restart of the soft fork) or cut off miss
      const mayMiss = processKills!.injected * 3 + 4 + 8 - partition!.majorityProposerSlots;
      expect(report.missedSlots).to.be.at.most(mayMiss);
      // the timeline marks each fault where it happened, and report.md shows them with the p2p figures
      const kinds = timeline.flatMap((r) => r.events.map((e) => e.kind));
      expect(kinds.filter((k) => k === "kill")).to.have.length(processKills!.injected);
      expect(timeline[40].events.map((e) => e.kind)).to.include("partition");
      expect(timeline[48].events.map((e) => e.kind)).to.include("heal");
      const md = await readFile(path.join(out, "report.md"), "utf8");
      expect(md).to.contain(`| Process kills (SIGKILL) | ${processKills!.injected} | ${processKills!.recovered} |`);
      expect(md).to.contain(
        `| Partition | ${partition!.process}, slots ${partition!.fromSlot}..${partition!.toSlot} |`,
      );
      expect(md).to.contain("## Peer-to-peer network");
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("Ctrl-C while the testnet starts stops the L1 node and every node process started so far, and exits 130", async () => {
    const scratch = async () => (await readdir(tmpdir())).filter((n) => n.startsWith("sp-testnet-processes-"));
    const before = await scratch();
    const child = spawn(process.execPath, [TSX_CLI, "scripts/testnet.ts", "--processes", "4", "--epochs", "2"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    let started: { pid: number; cmd: string }[] = [];
    // (up to 9 minutes: in parallel mocha another suite's hardhat node may hold the local chain lock first)
    for (let waited = 0; waited < 540_000; waited += 200) {
      started = descendants(child.pid!);
      // the L1 node and the first node:run process: the start is under way, the other processes still to come
      if (started.some((p) => p.cmd.includes(" node:run "))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const nodes = started.filter((p) => / node( |:run )/.test(p.cmd));
    expect(
      nodes.some((p) => p.cmd.includes(" node --hostname ")),
      "the L1 node was started",
    ).to.equal(true);
    expect(
      nodes.some((p) => p.cmd.includes(" node:run ")),
      "a node process was started",
    ).to.equal(true);
    child.kill("SIGINT");
    expect(await exited).to.equal(130);
    for (const p of started) expect(alive(p.pid), `${p.pid} ${p.cmd}`).to.equal(false);
    expect(await scratch()).to.deep.equal(before);
  });

  it("refuses process faults without processes, too few processes for them, and simulator-only faults, with one line and exit 2", async () => {
    for (const [args, message] of [
      [
        ["--kill-rate", "0.1"],
        'error: --kill-rate is a process fault. Expected: --processes N with it. Given: "--kill-rate".',
      ],
      [
        ["--processes", "2", "--kill-rate", "0.1"],
        'error: --kill-rate needs at least 4 processes (one down must leave 2/3 of the committee). Expected: --processes 4 or more. Given: "2".',
      ],
      [
        ["--processes", "4", "--reorg-rate", "0.1"],
        'error: --reorg-rate is not supported with --processes. Expected: the options of --help for process mode. Given: "--reorg-rate".',
      ],
      [
        ["--processes", "4", "--soft-fork-at", "60"],
        'error: --soft-fork-at leaves too few slots for the rolling restart (one process per slot, the prover last). Expected: a slot ≤ 59. Given: "60".',
      ],
      [
        ["--processes", "4", "--soft-fork-at", "8", "--partition", "12:20"],
        'error: --soft-fork-at\'s rolling restart meets --partition. Expected: a partition outside run slots 8..12. Given: "12:20".',
      ],
      [
        ["--processes", "4", "--hard-fork-at", "4", "--kill-rate", "0.1"],
        'error: --hard-fork-at does not run with --kill-rate in process mode. Expected: the hard fork, or the process faults, in separate runs. Given: "--kill-rate".',
      ],
      [
        ["--processes", "4", "--hard-fork-at", "4", "--soft-fork-at", "8"],
        'error: --soft-fork-at comes after --hard-fork-at in process mode. Expected: a soft fork at a slot ≤ 4. Given: "8".',
      ],
      [
        ["--processes", "4", "--partition", "5"],
        'error: --partition is not a slot range of the run. Expected: a:b with a ≤ b ≤ 63 (run slots, from 0). Given: "5".',
      ],
    ] as const) {
      const { code, lines } = await testnet([...args]);
      expect(code, args.join(" ")).to.equal(EXIT.usage);
      expect(lines.join("")).to.equal(`${message}\nRun with --help for the options.\n`);
    }
  });
});
