/**
 * `npm run check:storage`: after a production build, compares the storage layout of every deployable contract
 * with the committed `snapshots/storage-layouts.json` and fails on any difference, so a layout change is a
 * reviewed decision. `UPDATE_SNAPSHOT=1 npm run check:storage` rewrites the snapshot (`hardhat run` passes no
 * arguments to a script).
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { layoutDifferences, readStorageLayouts, type StorageLayout } from "../src/build/storageLayouts.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const snapshotFile = path.join(root, "snapshots", "storage-layouts.json");

const actual = await readStorageLayouts(path.join(root, "artifacts"));
if (process.env.UPDATE_SNAPSHOT === "1") {
  const options = { ...(await resolveConfig(snapshotFile)), filepath: snapshotFile };
  await writeFile(snapshotFile, await format(JSON.stringify(actual), options));
  console.log(`wrote ${path.relative(root, snapshotFile)} (${Object.keys(actual).length} contracts)`);
} else {
  let expected: Record<string, StorageLayout>;
  try {
    expected = JSON.parse(await readFile(snapshotFile, "utf8")) as Record<string, StorageLayout>;
  } catch {
    console.error(
      `error: no ${path.relative(root, snapshotFile)}; create it with UPDATE_SNAPSHOT=1 npm run check:storage`,
    );
    process.exit(1);
  }
  const differences = layoutDifferences(expected, actual);
  if (differences.length > 0) {
    for (const difference of differences) console.error(`error: ${difference}`);
    console.error("review the change, then UPDATE_SNAPSHOT=1 npm run check:storage");
    process.exit(1);
  }
  console.log(`storage layouts of ${Object.keys(actual).length} contracts match the snapshot`);
}
