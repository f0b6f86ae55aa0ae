import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { GOVERNANCE, runDeployedCommand } from "../../src/cli/runDeployedCommand.js";
import { simulatePayload } from "../../src/governance/simulatePayload.js";
import { formatSimulation } from "../../src/governance/formatSimulation.js";
import { parseAddress } from "../../src/cli/parseAddress.js";

export default async function (args: { payload: string; governance: string }, hre: HardhatRuntimeEnvironment) {
  await runDeployedCommand(hre, GOVERNANCE, args.governance, async ({ connection, address: governance }) => {
    const payload = parseAddress(args.payload, "payload");
    const result = await simulatePayload(connection, { governance, payload });
    return { output: formatSimulation(result), failed: result.failure !== undefined };
  });
}
