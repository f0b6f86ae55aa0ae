import type { NetworkConnection } from "hardhat/types/network";
import type { Logger } from "pino";
import { type NodeRunOptions, runNode } from "./startNode.js";

/**
 * `runNode` with SIGINT/SIGTERM stopping it cleanly: the first signal lets the current step finish, closes the
 * store and returns; a second one exits at once (status 130), for a step stuck on an RPC.
 */
export async function runWithSignals(connection: NetworkConnection, o: NodeRunOptions, log: Logger): Promise<string> {
  let stop: (() => void) | undefined;
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    log.info({ event: "stopping", signal }, "stopping after the current step");
    stop?.();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await runNode(connection, o, log, (s) => {
      stop = s;
      if (signalled) s(); // a signal during start-up
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
