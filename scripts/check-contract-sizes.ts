/**
 * `npm run check:sizes`: builds with the production profile, then fails if any deployable contract's
 * runtime code leaves less than 10% headroom under the EIP-170 limit (24,576 bytes).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EIP170_LIMIT, oversized, readContractSizes } from "../src/build/contractSizes.js";

const HEADROOM = 0.1;
const limit = Math.floor(EIP170_LIMIT * (1 - HEADROOM));
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const sizes = await readContractSizes(path.join(root, "artifacts"));
for (const { contract, bytes } of sizes) console.log(`${String(bytes).padStart(6)}  ${contract}`);
const tooLarge = oversized(sizes, limit);
if (tooLarge.length > 0) {
  console.error(`contracts over ${limit} bytes (EIP-170 limit ${EIP170_LIMIT} less ${HEADROOM * 100}% headroom):`);
  for (const { contract, bytes } of tooLarge) console.error(`  ${contract}: ${bytes} bytes`);
  process.exit(1);
}
console.log(`all ${sizes.length} deployable contracts are within ${limit} bytes`);
