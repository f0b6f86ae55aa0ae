import { getAddress, type Address } from "viem";
import type { NetworkConnection } from "hardhat/types/network";
import { loadGovernance } from "./loadGovernance.js";
import { CommandError } from "../cli/CommandError.js";

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
    if (await loaded.registry.read.isRegistered([spec.newRollup])) {
      throw new CommandError("The new rollup is already registered.", "an unregistered rollup", spec.newRollup);
    }
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
