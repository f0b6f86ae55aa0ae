import { readFile } from "node:fs/promises";
import path from "node:path";
import { listArtifacts } from "./contractSizes.js";
import { ChainDataError } from "../errors/BaseError.js";

/** One contract's storage as solc lays it out: `slot +offset label: type` per variable, and each struct's fields. */
export interface StorageLayout {
  storage: string[];
  structs: Record<string, string[]>;
}

type SolcType = { label: string; members?: SolcEntry[] };
type SolcEntry = { label: string; slot: string; offset: number; type: string };
type SolcLayout = { storage: SolcEntry[]; types: Record<string, SolcType> | null };

/**
 * Storage layouts of the deployable contracts under `artifacts/contracts/` (production build, which asks solc
 * for `storageLayout`), keyed `source:Contract`. Test-only contracts (`contracts/mocks/`) and contracts without
 * state variables (libraries) are left out. Types are named by their labels, not solc's AST ids, so only a real
 * layout change alters the result. ERC-7201 namespaced structs are not state variables, so they are not here
 * (unit tests check their slots against the ERC-7201 formula).
 */
export async function readStorageLayouts(artifactsDir: string): Promise<Record<string, StorageLayout>> {
  const layouts: Record<string, StorageLayout> = {};
  const outputs = new Map<
    string,
    { output: { contracts: Record<string, Record<string, { storageLayout?: SolcLayout }>> } }
  >();
  for (const file of await listArtifacts(path.join(artifactsDir, "contracts"))) {
    const artifact = JSON.parse(await readFile(file, "utf8")) as {
      sourceName: string;
      contractName: string;
      inputSourceName: string;
      buildInfoId: string;
      deployedBytecode: string;
    };
    if (artifact.sourceName.startsWith("contracts/mocks/") || artifact.deployedBytecode.length <= 2) continue;
    let buildInfo = outputs.get(artifact.buildInfoId);
    if (buildInfo === undefined) {
      const outputFile = path.join(artifactsDir, "build-info", `${artifact.buildInfoId}.output.json`);
      buildInfo = JSON.parse(await readFile(outputFile, "utf8")) as NonNullable<typeof buildInfo>;
      outputs.set(artifact.buildInfoId, buildInfo);
    }
    const layout = buildInfo.output.contracts[artifact.inputSourceName]?.[artifact.contractName]?.storageLayout;
    if (layout === undefined) {
      throw new ChainDataError(`No storageLayout for ${artifact.sourceName}.`, {
        expected: "a build with --build-profile production",
        given: "an artifact without storageLayout",
      });
    }
    const described = describeLayout(layout);
    // libraries and stateless contracts have nothing to snapshot
    if (described.storage.length > 0) layouts[`${artifact.sourceName}:${artifact.contractName}`] = described;
  }
  return Object.fromEntries(Object.entries(layouts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The differences between two sets of layouts, one line each (empty when equal). */
export function layoutDifferences(
  expected: Record<string, StorageLayout>,
  actual: Record<string, StorageLayout>,
): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names.flatMap((name) => {
    if (!(name in actual)) return [`${name}: no longer built`];
    if (!(name in expected)) return [`${name}: new contract, not in the snapshot`];
    return JSON.stringify(expected[name]) === JSON.stringify(actual[name]) ? [] : [`${name}: layout changed`];
  });
}

function describeLayout(layout: SolcLayout): StorageLayout {
  const types = layout.types ?? {};
  const line = (e: SolcEntry) => `${e.slot} +${e.offset} ${e.label}: ${types[e.type]?.label ?? e.type}`;
  const structs: Record<string, string[]> = {};
  for (const type of Object.values(types)) {
    if (type.members !== undefined) structs[type.label] = type.members.map(line);
  }
  return {
    storage: layout.storage.map(line),
    structs: Object.fromEntries(Object.entries(structs).sort(([a], [b]) => a.localeCompare(b))),
  };
}
