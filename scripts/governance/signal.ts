import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { GOVERNANCE, runDeployedCommand } from "../../src/cli/runDeployedCommand.js";
import { signalPayload } from "../../src/governance/signalPayload.js";
import { parseAddress } from "../../src/cli/parseAddress.js";

type Args = { payload: string; relayer: string; from: string; governance: string };

export default async function (args: Args, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, GOVERNANCE, args.governance, async ({ connection, address: governance, account }) => {
    const payload = parseAddress(args.payload, "payload");
    const relayer = args.relayer === "" ? undefined : parseAddress(args.relayer, "relayer");
    const { hash, rollup, slot } = await signalPayload(connection, {
      governance,
      payload,
      signer: await account(args.from),
      relayer,
    });
    return `signalled ${payload} on rollup ${rollup} in slot ${slot} (tx ${hash})`;
  });
}
