/**
 * `npm run bench:gas`: runs every gas benchmark in `bench/*.gas.ts` on a fresh in-process network
 * (production build profile) and writes `reports/gas.json` (SPEC section 13) plus the committed snapshot
 * `snapshots/gas.json`, so a change in gas shows in review.
 *
 * A benchmark module default-exports `async (connection) => GasFigures`.
 * `BENCH_FILTER=<name> npm run bench:gas` runs only the modules whose file name contains <name> (`hardhat run`
 * forwards no arguments to the script, and its own argv holds "run", so the filter comes from the environment).
 *
 * `npm run check:gas` (CI, `GAS_CHECK=1`) runs the same benchmarks but writes only `reports/gas.json` and fails
 * when a figure differs from the committed snapshot by more than 1 %: a change in gas lands only together with
 * the snapshot that records it (`npm run bench:gas`, then commit `snapshots/gas.json`).
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { network } from "hardhat";
import {
  compareGasFigures,
  type GasFigures,
  mergeGasFigures,
  readGasFigures,
  writeGasFigures,
} from "../../bench/gasReport.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const benchDir = path.join(root, "bench");
const filter = process.env.BENCH_FILTER ?? "";
const check = process.env.GAS_CHECK === "1";

const files = (await readdir(benchDir)).filter((f) => f.endsWith(".gas.ts") && f.includes(filter)).sort();
if (files.length === 0) {
  console.error(`no gas benchmark matches "${filter}" in bench/*.gas.ts`);
  process.exit(1);
}

let figures: GasFigures = {};
for (const file of files) {
  const bench = (await import(path.join(benchDir, file))).default as (
    connection: Awaited<ReturnType<typeof network.create>>,
  ) => Promise<GasFigures>;
  const connection = await network.create();
  const result = await bench(connection);
  console.log(`${file}: ${JSON.stringify(result)}`);
  figures = mergeGasFigures(figures, result);
}

if (check) {
  await writeGasFigures(path.join(root, "reports/gas.json"), figures);
  const snapshot = await readGasFigures(path.join(root, "snapshots/gas.json"));
  const differences = compareGasFigures(snapshot, figures, { partial: filter !== "" });
  if (differences.length > 0) {
    console.error(
      `gas differs from snapshots/gas.json by more than 1 % (run npm run bench:gas and commit the snapshot):`,
    );
    for (const line of differences) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log("gas: every figure within 1 % of snapshots/gas.json");
} else {
  for (const target of ["reports/gas.json", "snapshots/gas.json"]) {
    const file = path.join(root, target);
    await writeGasFigures(file, mergeGasFigures(await readGasFigures(file), figures));
    console.log(`wrote ${target}`);
  }
}
