import { runCommandLine } from "../../src/cli/runCommandLine.js";
import { importKeys, type KeysArgs } from "../../src/keys/keyCommands.js";

export default async function (args: KeysArgs) {
  await runCommandLine(() => importKeys(args));
}
