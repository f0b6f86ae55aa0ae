import type { Address, PublicClient } from "viem";
import { rollupAbi, stakingEscrowAbi } from "../chain/abi.js";
import { type ReadRollupConfigReturnType, readRollupConfig } from "../chain/readRollupConfig.js";
import { snapshotTime as snapshotTimeOf } from "../chain/time.js";
import { sampleIndices } from "./sampleIndices.js";
import { proposerIndex } from "./proposerIndex.js";

export type ComputeCommitteeParameters = {
  client: PublicClient;
  rollup: Address;
  epoch: bigint;
  /** The Rollup's configuration, if the caller has read it already (`readRollupConfig`). */
  config?: ReadRollupConfigReturnType;
  /** Read at this L1 block (default: the latest). */
  blockNumber?: bigint;
};

export type EpochCommittee = {
  epoch: bigint;
  seed: bigint;
  /** Validator-set timestamp the epoch samples from. */
  snapshotTime: bigint;
  committee: Address[];
};

/**
 * The committee of `epoch` computed off chain exactly as `ValidatorSelectionLib` does: the seed from the Rollup,
 * the set as of the last second of epoch `epoch - 2` from the escrow, the sampling in `sampleIndices`.
 */
export async function computeCommittee({
  client,
  rollup,
  epoch,
  config,
  blockNumber,
}: ComputeCommitteeParameters): Promise<EpochCommittee> {
  const { escrow, targetCommitteeSize, clock } = config ?? (await readRollupConfig(client, rollup));
  const seed = await client.readContract({
    address: rollup,
    abi: rollupAbi,
    functionName: "getSampleSeed",
    args: [epoch],
    blockNumber,
  });
  const snapshotTime = snapshotTimeOf(clock, epoch);
  const setSize = await client.readContract({
    address: escrow,
    abi: stakingEscrowAbi,
    functionName: "getSetSize",
    args: [rollup, snapshotTime],
    blockNumber,
  });
  const count = Number(setSize < targetCommitteeSize ? setSize : targetCommitteeSize);
  if (count === 0) return { epoch, seed, snapshotTime, committee: [] };
  const indices = sampleIndices({ seed, setSize: Number(setSize), count }).map(BigInt);
  const committee = await client.readContract({
    address: escrow,
    abi: stakingEscrowAbi,
    functionName: "getAttestersAtIndices",
    args: [rollup, indices, snapshotTime],
    blockNumber,
  });
  return { epoch, seed, snapshotTime, committee: [...committee] };
}

/** The proposer of `slot` given its epoch's committee (undefined for an empty committee: anyone may propose). */
export function proposerOf(of: EpochCommittee, slot: bigint): Address | undefined {
  const { committee, epoch, seed } = of;
  if (committee.length === 0) return undefined;
  // Remembered per committee: sequencers ask for every slot of the epoch ahead on every tick (a keccak each).
  let known = proposersOf.get(of);
  if (known === undefined) proposersOf.set(of, (known = new Map()));
  let proposer = known.get(slot);
  if (proposer === undefined)
    known.set(slot, (proposer = committee[proposerIndex({ epoch, slot, seed, committeeSize: committee.length })]));
  return proposer;
}

const proposersOf = new WeakMap<EpochCommittee, Map<bigint, Address>>();
