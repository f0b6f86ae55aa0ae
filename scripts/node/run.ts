import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { runCommandLine } from "../../src/cli/runCommandLine.js";
import { createNodeLogger } from "../../src/node/run/logger.js";
import { type NodeRunArgs, parseNodeRunArgs } from "../../src/node/run/parseNodeRunArgs.js";
import { runWithSignals } from "../../src/node/run/runWithSignals.js";

export default async function (args: NodeRunArgs & { logLevel: string }, hre: HardhatRuntimeEnvironment) {
  await runCommandLine(async () => {
    const options = await parseNodeRunArgs(args);
    const log = createNodeLogger(args.logLevel);
    const connection = await hre.network.create();
    try {
      return await runWithSignals(connection, options, log);
    } finally {
      await connection.close();
    }
  });
}
