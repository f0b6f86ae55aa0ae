import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { withoutBlankLines } from "./buildForDeployment.js";

type ActionModule = { default: (args: never, hre: HardhatRuntimeEnvironment) => Promise<unknown> };

/** An artifact `src/chain/abi.ts` reads as soon as a command's code is imported: absent before the first build. */
const ARTIFACT = fileURLToPath(new URL("../../artifacts/contracts/core/Rollup.sol/Rollup.json", import.meta.url));

/**
 * A task's lazy action that compiles the contracts first when they were never compiled (a fresh checkout). The
 * commands read their ABIs from the artifacts when their code is imported, so without this a first command after
 * `npm ci` stopped with Hardhat's "HHE411: Unable to import the action" and no reason.
 */
export function afterBuild<M extends ActionModule>(load: () => Promise<M>, artifact = ARTIFACT): () => Promise<M> {
  return async () => {
    if (existsSync(artifact)) return load();
    const action = async (args: never, hre: HardhatRuntimeEnvironment) => {
      process.stderr.write("The contracts were never compiled here: compiling them first (npx hardhat build)…\n");
      await withoutBlankLines(process.stdout, () => hre.tasks.getTask("build").run({ quiet: true, noTests: true }));
      return (await load()).default(args, hre);
    };
    return { default: action } as unknown as M;
  };
}
