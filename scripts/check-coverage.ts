/**
 * `npm run check:coverage` (CI): after `npm run coverage`, reads `coverage/lcov.info` and fails when the lines
 * of `contracts/` (the test-only `contracts/mocks/` left out) are covered below 95 %. Prints each file's share,
 * lowest first, so the gaps are visible.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lineShare, readLcov } from "../src/build/coverage.js";

const MINIMUM = 0.95;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const report = path.join(root, "coverage", "lcov.info");

let text: string;
try {
  text = await readFile(report, "utf8");
} catch {
  console.error(`error: ${path.relative(root, report)} not found: run npm run coverage first`);
  process.exit(1);
}
const files = readLcov(text, { under: "contracts/", skip: ["contracts/mocks/"] });
if (files.length === 0) {
  console.error(`error: ${path.relative(root, report)} holds no file under contracts/`);
  process.exit(1);
}
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
for (const f of [...files].sort((a, b) => lineShare([a]) - lineShare([b])))
  console.log(`${pct(lineShare([f])).padStart(8)}  ${f.linesHit}/${f.linesFound}  ${f.file}`);
const total = lineShare(files);
console.log(`contracts/: ${pct(total)} of lines covered (minimum ${pct(MINIMUM)}) over ${files.length} files`);
if (total < MINIMUM) process.exit(1);
