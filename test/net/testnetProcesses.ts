import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { EXIT, runTestnet } from "../../src/sim/runTestnet.js";
import type { SimulationReport } from "../../src/sim/types.js";

/** `npm run testnet -- args` with its output kept; the process mode connects to the node it starts. */
async function testnet(args: string[]) {
  const lines: string[] = [];
  const err = Object.assign(Object.create(process.stderr), { write: (s: string) => lines.push(s) !== 0 });
  const io = { out: (l: string) => lines.push(l), err, tty: false };
  const connect = (name: string, url?: string) =>
    url !== undefined ? network.create({ network: "localhost", override: { url } }) : network.create();
  const code = await runTestnet(args, connect as never, io);
  return { code, lines };
}

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
