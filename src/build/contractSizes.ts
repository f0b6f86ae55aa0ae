import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** EIP-170: the largest runtime bytecode an account may hold. */
export const EIP170_LIMIT = 24_576;

export interface ContractSize {
  contract: string;
  bytes: number;
}

/**
 * Runtime sizes of the deployable contracts under `artifacts/contracts/`, largest first.
 * Interfaces, abstract contracts and libraries without code have empty bytecode and are left out;
 * test-only contracts (`contracts/mocks/`) are left out because no network ever holds them.
 */
export async function readContractSizes(artifactsDir: string): Promise<ContractSize[]> {
  const sizes: ContractSize[] = [];
  for (const file of await listArtifacts(path.join(artifactsDir, "contracts"))) {
    const artifact = JSON.parse(await readFile(file, "utf8")) as {
      sourceName: string;
      contractName: string;
      deployedBytecode: string;
    };
    if (artifact.sourceName.startsWith("contracts/mocks/")) continue;
    const bytes = (artifact.deployedBytecode.length - 2) / 2;
    if (bytes > 0) sizes.push({ contract: `${artifact.sourceName}:${artifact.contractName}`, bytes });
  }
  return sizes.sort((a, b) => b.bytes - a.bytes);
}

/** The contracts whose size exceeds `limit` bytes. */
export function oversized(sizes: ContractSize[], limit: number): ContractSize[] {
  return sizes.filter((s) => s.bytes > limit);
}

/** Every contract artifact (not debug files) below `dir`. */
export async function listArtifacts(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listArtifacts(full);
      return entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json") ? [full] : [];
    }),
  );
  return files.flat();
}
