import { rollupAbi } from "../chain/abi.js";
import type { LoadedGovernance } from "./loadGovernance.js";

/** One value of the system state a payload may change: its reading, or the revert that reading met. */
export type StateReading = { label: string; value?: string; revert?: string; required: boolean };

/**
 * What a hard fork changes, read as clients read it: the Registry's canonical rollup, the escrow's followers'
 * rollup, the canonical rollup's validator set now (`StakingEscrow.getSetSize`, followers included) and its
 * configuration, and the signalling rights (GovernanceProposer counts signals of the canonical rollup's proposers:
 * the current round on it, and the current proposer). Every reading except the current proposer is `required`:
 * after a payload's actions it must answer, or the simulation fails (a fresh Rollup has no proposer until its
 * first committee is sampled, so that one is shown, not required).
 */
export async function readSystemState(
  loaded: LoadedGovernance,
  describeRevert: (error: unknown) => string,
): Promise<StateReading[]> {
  const { publicClient, registry, escrow, proposer } = loaded;
  const readings: StateReading[] = [];
  const read = async <T>(label: string, required: boolean, body: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await body();
      readings.push({ label, value: String(value), required });
      return value;
    } catch (error) {
      readings.push({ label, revert: describeRevert(error), required });
      return undefined;
    }
  };
  const canonical = await read("canonical rollup", true, () => registry.read.getCanonicalRollup());
  await read("followers' rollup", true, () => escrow.read.getFollowersRollup());
  if (canonical === undefined) return readings;
  const now = (await publicClient.getBlock()).timestamp;
  await read("validators of the canonical rollup", true, () => escrow.read.getSetSize([canonical, now]));
  await read("canonical rollup's escrow", true, () =>
    publicClient
      .readContract({ address: canonical, abi: rollupAbi, functionName: "getConfig" })
      .then((config) => config.escrow),
  );
  const round = await read("signalling round (GovernanceProposer)", true, () => proposer.read.getCurrentRound());
  if (round !== undefined) {
    await read("leading payload's signals on the canonical rollup", true, () =>
      proposer.read.getRound([canonical, round]).then((r) => r.leaderSignals),
    );
  }
  await read("current proposer (may signal)", false, () =>
    publicClient.readContract({ address: canonical, abi: rollupAbi, functionName: "getCurrentProposer" }),
  );
  return readings;
}

/** A reading as one value: the value, or `reverts <Error>`. */
export function readingValue(reading: StateReading | undefined): string {
  if (reading === undefined) return "n/a";
  return reading.revert === undefined ? reading.value! : `reverts ${reading.revert}`;
}
