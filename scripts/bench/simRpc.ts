/**
 * Phase 1 slot loop with RPC time per method (ms per slot and calls per slot): `tsx scripts/bench/simRpc.ts`.
 * `BENCH_SLOTS=<n>` sets the run length (default 96). Only the slot loop counts, as in `bench:sim`.
 * `BENCH_PROFILE=<file>` writes a CPU profile of the slot loop there (open it in Chrome's DevTools).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { network } from "hardhat";
import { parseTestnetArgs, type SimulationOptions } from "../../src/sim/options.js";
import { runSimulation } from "../../src/sim/runSimulation.js";

const slots = Number(process.env.BENCH_SLOTS ?? 96);
const methods = new Map<string, { calls: number; ms: number; max: number }>();
let running = false;
const profileTo = process.env.BENCH_PROFILE;
const session = new Session();
let profiling: Promise<unknown> | undefined;
const observeRpc = (method: string, ms: number) => {
  if (!running) return;
  const m = methods.get(method) ?? { calls: 0, ms: 0, max: 0 };
  m.calls++;
  m.ms += ms;
  m.max = Math.max(m.max, ms);
  methods.set(method, m);
};
const options = parseTestnetArgs(["--phase", "1", "--slots", String(slots)]) as SimulationOptions;
const { report, timings } = await runSimulation(
  await network.create(),
  options,
  (p) => {
    if (profileTo !== undefined && p.stage === "running" && !running) {
      session.connect();
      profiling = session.post("Profiler.enable").then(() => session.post("Profiler.start"));
    }
    if (profileTo !== undefined && p.stage === "draining" && running)
      profiling = profiling!
        .then(() => session.post("Profiler.stop"))
        .then(({ profile }) => writeFileSync(profileTo, JSON.stringify(profile)));
    running = p.stage === "running";
  },
  { observeRpc },
);
await profiling;
if (report.fatal !== null) throw new Error(`run failed: ${report.fatal}`);
const per = (x: number) => Math.round((x / report.slots) * 10) / 10;
const rows = [...methods].sort((a, b) => b[1].ms - a[1].ms);
const rpcMs = rows.reduce((s, [, m]) => s + m.ms, 0);
console.log(
  JSON.stringify(
    {
      slots: report.slots,
      slotsPerSecond: Math.round((report.slots / (timings.slotsMs / 1000)) * 100) / 100,
      msPerSlot: per(timings.slotsMs),
      rpcMsPerSlot: per(rpcMs),
      rpcCallsPerSlot: per(rows.reduce((s, [, m]) => s + m.calls, 0)),
      methods: Object.fromEntries(
        rows.map(([k, m]) => [k, { msPerSlot: per(m.ms), callsPerSlot: per(m.calls), maxMs: Math.round(m.max) }]),
      ),
      gate: report.gate,
    },
    null,
    2,
  ),
);
