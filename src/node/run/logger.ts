import { type Logger, pino } from "pino";
import { CommandError } from "../../cli/CommandError.js";

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];

/** The node's structured logger: one JSON object per line on stdout (pino), ISO timestamps, written synchronously. */
export function createNodeLogger(level: string): Logger {
  if (!LEVELS.includes(level))
    throw new CommandError("--log-level is not a level.", LEVELS.join(", "), JSON.stringify(level));
  return pino(
    { level, base: { service: "sp-testnet-node" }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: 1, sync: true }),
  );
}
