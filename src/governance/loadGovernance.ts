import type { Address } from "viem";
import type { NetworkConnection } from "hardhat/types/network";
import { CommandError } from "../cli/CommandError.js";

/** Everything the governance commands talk to, found from the Governance address alone. */
export async function loadGovernance(connection: NetworkConnection, governanceAddress: Address) {
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const code = await publicClient.getCode({ address: governanceAddress });
  if (code === undefined || code === "0x") {
    throw new CommandError("No contract at the Governance address.", "a deployed Governance", governanceAddress);
  }
  const governance = await viem.getContractAt("Governance", governanceAddress);
  const [timelockAddress, proposerAddress, escrowAddress] = await Promise.all([
    governance.read.timelock(),
    governance.read.governanceProposer(),
    governance.read.token(),
  ]);
  const proposer = await viem.getContractAt("GovernanceProposer", proposerAddress);
  const registryAddress = await proposer.read.REGISTRY();
  return {
    publicClient,
    governance,
    proposer,
    timelock: await viem.getContractAt("GovernanceTimelock", timelockAddress),
    registry: await viem.getContractAt("IRegistry", registryAddress),
    escrow: await viem.getContractAt("IStakingEscrow", escrowAddress),
  };
}

/** What `loadGovernance` returns. */
export type LoadedGovernance = Awaited<ReturnType<typeof loadGovernance>>;
