/**
 * `npm run bench:gas`: runs every gas benchmark in `bench/*.gas.ts` on a fresh in-process network
 * (production build profile) and writes `reports/gas.json` (SPEC section 13) plus the committed snapshot
 * `snapshots/gas.json`, so a change in gas shows in review.
 *
 * A benchmark module default-exports `async (connection) => GasFigures`.
 * `BENCH_FILTER=<name> npm run bench:gas` runs only the modules whose file name contains <name> (`hardhat run`
 * forwards no arguments to the script, and its own argv holds "run", so the filter comes from the environment).
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { network } from "hardhat";
import { type GasFigures, mergeGasFigures, readGasFigures, writeGasFigures } from "../../bench/gasReport.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const benchDir = path.join(root, "bench");
const filter = process.env.BENCH_FILTER ?? "";

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

for (const target of ["reports/gas.json", "snapshots/gas.json"]) {
  const file = path.join(root, target);
  await writeGasFigures(file, mergeGasFigures(await readGasFigures(file), figures));
  console.log(`wrote ${target}`);
}
