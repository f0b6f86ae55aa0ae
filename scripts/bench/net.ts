/**
 * `npm run bench:net [-- --processes 8 --validators 128 --slots 12 --phase phase4]`: a loopback testnet of
 * `node:run` processes over libp2p → `reports/net-bench.json` (attestation collection p50/p95, CPU and memory per
 * process, gossip messages per slot). The logic is `src/net/benchNet.ts`; this file only parses arguments.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { network } from "hardhat";
import { runCommandLine } from "../../src/cli/runCommandLine.js";
import { CommandError } from "../../src/cli/CommandError.js";
import { runNetBench } from "../../src/net/benchNet.js";

await runCommandLine(async () => {
  const { values } = parseArgs({
    options: {
      processes: { type: "string", default: "8" },
      validators: { type: "string", default: "128" },
      slots: { type: "string", default: "12" },
      phase: { type: "string", default: "phase4" },
      out: { type: "string", default: "reports/net-bench.json" },
    },
  });
  const int = (name: keyof typeof values, min: number, max: number) => {
    const n = Number(values[name]);
    if (!/^\d+$/.test(String(values[name])) || n < min || n > max)
      throw new CommandError(`--${name} is out of range.`, `an integer from ${min} to ${max}`, String(values[name]));
    return n;
  };
  const processes = int("processes", 1, 32);
  const validators = int("validators", processes, 1_000);
  const slots = int("slots", 1, 1_000);
  const dir = await mkdtemp(path.join(tmpdir(), "sp-net-bench-"));
  const deploymentId = `net-bench-${process.pid}`;
  try {
    const report = await runNetBench({
      processes,
      validators,
      slots,
      phase: values.phase!,
      dir,
      deploymentId,
      connect: (url) => network.create({ network: "localhost", override: { url } }),
      onSlot: (k, ok) => console.error(`slot ${k + 1}/${slots}: ${ok ? "block" : "missed"}`),
    });
    await mkdir(path.dirname(values.out!), { recursive: true });
    await writeFile(values.out!, `${JSON.stringify(report, null, 2)}\n`);
    return `${values.out}: collection p50 ${report.attestationCollectionMs.p50} ms, p95 ${report.attestationCollectionMs.p95} ms (${report.produced}/${slots} slots)`;
  } finally {
    await rm(dir, { recursive: true, force: true });
    for (const id of [deploymentId, `${deploymentId}-verifier`, "chain-31337"])
      await rm(path.join(process.cwd(), "ignition", "deployments", id), { recursive: true, force: true });
  }
});
