import { parseAbi, type Address, type PublicClient } from "viem";
import { sampleIndices } from "./sampleIndices.js";
import { proposerIndex } from "./proposerIndex.js";

const rollupAbi = parseAbi([
  "function getConfig() view returns ((address escrow, uint64 genesisTime, uint32 slotDuration, uint32 epochDuration, uint256 targetCommitteeSize, bool bootstrap, bytes32 genesisArchive, address slasher, address owner))",
  "function getSampleSeed(uint256 epoch) view returns (uint256)",
]);
const escrowAbi = parseAbi([
  "function getSetSize(address rollup, uint256 timestamp) view returns (uint256)",
  "function getAttestersAtIndices(address rollup, uint256[] indices, uint256 timestamp) view returns (address[])",
]);

export type ComputeCommitteeParameters = {
  client: PublicClient;
  rollup: Address;
  epoch: bigint;
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
export async function computeCommittee({ client, rollup, epoch }: ComputeCommitteeParameters): Promise<EpochCommittee> {
  const config = await client.readContract({ address: rollup, abi: rollupAbi, functionName: "getConfig" });
  const seed = await client.readContract({
    address: rollup,
    abi: rollupAbi,
    functionName: "getSampleSeed",
    args: [epoch],
  });
  const snapshotTime = snapshotTimeOf({ ...config, epoch });
  const setSize = await client.readContract({
    address: config.escrow,
    abi: escrowAbi,
    functionName: "getSetSize",
    args: [rollup, snapshotTime],
  });
  const count = Number(setSize < config.targetCommitteeSize ? setSize : config.targetCommitteeSize);
  if (count === 0) return { epoch, seed, snapshotTime, committee: [] };
  const indices = sampleIndices({ seed, setSize: Number(setSize), count }).map(BigInt);
  const committee = await client.readContract({
    address: config.escrow,
    abi: escrowAbi,
    functionName: "getAttestersAtIndices",
    args: [rollup, indices, snapshotTime],
  });
  return { epoch, seed, snapshotTime, committee: [...committee] };
}

/** The last second of epoch `epoch - 2` (genesis - 1 for epochs 0 and 1): `ValidatorSelectionLib.snapshotTime`. */
export function snapshotTimeOf({
  genesisTime,
  slotDuration,
  epochDuration,
  epoch,
}: {
  genesisTime: bigint;
  slotDuration: number;
  epochDuration: number;
  epoch: bigint;
}): bigint {
  const lagged = epoch === 0n ? 0n : epoch - 1n;
  return genesisTime + lagged * BigInt(epochDuration) * BigInt(slotDuration) - 1n;
}

/** The proposer of `slot` given its epoch's committee (undefined for an empty committee: anyone may propose). */
export function proposerOf({ committee, epoch, seed }: EpochCommittee, slot: bigint): Address | undefined {
  if (committee.length === 0) return undefined;
  return committee[proposerIndex({ epoch, slot, seed, committeeSize: committee.length })];
}
