/**
 * `npm run bench:sim`: simulator throughput on the in-process network → `reports/sim-bench.json`:
 * phase 1 slots per second, phase 4 (committee 128, 300 validators, 36 tx/block) seconds per epoch and slots per
 * second, and where phase 4's time per slot goes (KZG, signing, EVM execution, other RPC, the rest). Deployment,
 * onboarding, the drain and the end-of-run checks are left out: only the slot loop is timed.
 * `BENCH_SLOTS=<n>` sets phase 1's run length (default 96).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { installSimProfile } from "../../bench/simProfile.js";
import { parseTestnetArgs, type SimulationOptions } from "../../src/sim/options.js";
import { runSimulation } from "../../src/sim/runSimulation.js";

const phase1Slots = Number(process.env.BENCH_SLOTS ?? 96);
const profile = installSimProfile(300);

async function timed(args: string[]) {
  const options = parseTestnetArgs(args) as SimulationOptions;
  let stage = "";
  let totals = { ...profile.totals };
  // Only the slot loop counts: reset when it starts, keep the totals when the drain begins.
  const onProgress = (p: { stage: string }) => {
    if (p.stage === "running" && stage !== "running") profile.reset();
    if (p.stage === "draining" && stage !== "draining") totals = { ...profile.totals };
    stage = p.stage;
  };
  const { report, timings } = await runSimulation(await network.create(), options, onProgress, {
    observeRpc: profile.observeRpc,
  });
  if (report.fatal !== null) throw new Error(`bench run failed: ${report.fatal}`);
  return { report, timings, totals };
}

const p1 = await timed(["--phase", "1", "--slots", String(phase1Slots)]);
const p4 = await timed(["--phase", "4", "--epochs", "1"]);
const perSlot = (ms: number) => Math.round((ms / p4.report.slots) * 10) / 10;
const known = p4.totals.kzg + p4.totals.signing + p4.totals.evm + p4.totals.rpc;
const result = {
  phase1: {
    slots: p1.report.slots,
    slotsPerSecond: Math.round((p1.report.slots / (p1.timings.slotsMs / 1000)) * 100) / 100,
    gate: p1.report.gate,
  },
  phase4: {
    slots: p4.report.slots,
    secondsPerEpoch: Math.round((p4.timings.slotsMs / 1000 / (p4.report.slots / 32)) * 10) / 10,
    slotsPerSecond: Math.round((p4.report.slots / (p4.timings.slotsMs / 1000)) * 100) / 100,
    blocksProposed: p4.report.blocksProposed,
  },
  breakdownMsPerSlot: {
    kzg: perSlot(p4.totals.kzg),
    signing: perSlot(p4.totals.signing),
    evm: perSlot(p4.totals.evm),
    rpc: perSlot(p4.totals.rpc),
    other: perSlot(Math.max(0, p4.timings.slotsMs - known)),
  },
};
await mkdir("reports", { recursive: true });
await writeFile("reports/sim-bench.json", JSON.stringify(result, null, 2) + "\n");
console.log(JSON.stringify(result, null, 2));
