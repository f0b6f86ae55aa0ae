import { runCommandLine } from "../../src/cli/runCommandLine.js";
import { type KeysArgs, newKeys } from "../../src/keys/keyCommands.js";

export default async function (args: KeysArgs) {
  await runCommandLine(() => newKeys(args));
}
