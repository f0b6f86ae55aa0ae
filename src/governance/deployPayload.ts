import { getAddress, isAddressEqual, type Address } from "viem";
import type { NetworkConnection } from "hardhat/types/network";
import { loadGovernance } from "./loadGovernance.js";
import { CommandError } from "../cli/CommandError.js";
import { readRollupConfig } from "../chain/readRollupConfig.js";

/** The payloads the `gov:payload` command can write. */
export type PayloadSpec =
  | { kind: "hard-fork"; newRollup: Address }
  | { kind: "parameters"; votingDelay: bigint; votingPeriod: bigint; quorumNumerator: bigint };

/** Deploys a payload wired to the system behind `governance`; returns its address. */
export async function deployPayload(
  connection: NetworkConnection,
  { governance, spec }: { governance: Address; spec: PayloadSpec },
): Promise<Address> {
  const loaded = await loadGovernance(connection, governance);
  if (spec.kind === "hard-fork") {
    await checkNewRollup(loaded, spec.newRollup);
    const payload = await connection.viem.deployContract("HardForkPayload", [
      loaded.registry.address,
      loaded.escrow.address,
      spec.newRollup,
    ]);
    return getAddress(payload.address);
  }
  if (spec.votingPeriod === 0n || spec.quorumNumerator > 100n) {
    throw new CommandError(
      "Invalid governance parameters.",
      "voting period > 0 and quorum numerator <= 100",
      `period ${spec.votingPeriod}, quorum ${spec.quorumNumerator}`,
    );
  }
  const payload = await connection.viem.deployContract("GovernanceParametersPayload", [
    governance,
    Number(spec.votingDelay),
    Number(spec.votingPeriod),
    spec.quorumNumerator,
  ]);
  return getAddress(payload.address);
}

/**
 * Refuses a hard fork's new rollup unless it is a Rollup (a contract answering `getConfig()`) on this system's
 * escrow that the Registry does not hold yet: the payload would otherwise register an account or a foreign Rollup.
 */
async function checkNewRollup(loaded: Awaited<ReturnType<typeof loadGovernance>>, newRollup: Address) {
  const code = await loaded.publicClient.getCode({ address: newRollup });
  if (code === undefined || code === "0x") {
    throw new CommandError("The new rollup is not a contract.", "a Rollup deployed with deploy:rollup", newRollup);
  }
  const config = await readRollupConfig(loaded.publicClient, newRollup).catch(() => undefined);
  if (config === undefined) {
    throw new CommandError("The new rollup is not a Rollup.", "a contract answering Rollup.getConfig()", newRollup);
  }
  if (!isAddressEqual(config.escrow, loaded.escrow.address)) {
    throw new CommandError(
      "The new rollup is on another escrow.",
      `a Rollup on the StakingEscrow ${loaded.escrow.address}`,
      `a Rollup on ${config.escrow}`,
    );
  }
  if (await loaded.registry.read.isRegistered([newRollup])) {
    throw new CommandError("The new rollup is already registered.", "an unregistered rollup", newRollup);
  }
}
