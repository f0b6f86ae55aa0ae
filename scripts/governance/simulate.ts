import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { runCommand } from "../../src/governance/runCommand.js";
import { simulatePayload } from "../../src/governance/simulatePayload.js";
import { formatSimulation } from "../../src/governance/formatSimulation.js";
import { parseAddress } from "../../src/cli/parseAddress.js";

export default async function (args: { payload: string; governance: string }, hre: HardhatRuntimeEnvironment) {
  await runCommand(hre, args.governance, async ({ connection, governance }) => {
    const payload = parseAddress(args.payload, "payload");
    return formatSimulation(await simulatePayload(connection, { governance, payload }));
  });
}
