import { type Address, type Hex, commitmentToVersionedHash, keccak256 } from "viem";
import { batchBlobs, type BatchedBlobProof, type ProverBlob } from "./batchBlobs.js";
import { type EpochProofPublicInputs, epochPublicInputsHash } from "./epochPublicInputsHash.js";
import type { CKzg } from "./loadCKzg.js";
import { type SlotClock, epochAt, epochOf } from "../chain/time.js";
import { ChainDataError, InvalidParameterError } from "../errors/BaseError.js";

/** A block of the pending chain as the prover sees it (from `L2BlockProposed` and the block log). */
export type ProvableBlock = {
  blockNumber: bigint;
  archive: Hex;
  /** What the committee signed (`AttestationLib.headerHash`); the proof binds it through the epoch accumulator. */
  headerHash: Hex;
  slot: bigint;
  versionedHashes: readonly Hex[];
};

/** The arguments of `submitEpochRootProof`, plus what a real prover commits its proof to. */
export type EpochProof = {
  epoch: bigint;
  startBlock: bigint;
  endBlock: bigint;
  publicInputs: EpochProofPublicInputs;
  blobProof: Hex;
  publicInputsHash: Hex;
  batched: BatchedBlobProof;
};

export type PlanEpochParameters = {
  /** The proven tip and its archive. */
  provenTip: { blockNumber: bigint; archive: Hex };
  /** Pending blocks above the proven tip, ascending and contiguous. */
  pending: readonly ProvableBlock[];
  clock: SlotClock;
  /** The current L1 time (seconds). */
  now: bigint;
};

/**
 * The next epoch to prove: the blocks of the epoch of `provenTip + 1`, if that epoch has ended (a proof
 * covers a complete epoch). Returns undefined when nothing is provable yet.
 */
export function planEpoch({ provenTip, pending, clock, now }: PlanEpochParameters) {
  if (pending.length === 0) return undefined;
  if (pending[0].blockNumber !== provenTip.blockNumber + 1n) {
    throw new InvalidParameterError("Pending blocks must start above the proven tip.", {
      expected: `block ${provenTip.blockNumber + 1n}`,
      given: `block ${pending[0].blockNumber}`,
    });
  }
  const epoch = epochOf(clock, pending[0].slot);
  if (epochAt(clock, now) <= epoch) return undefined;
  const blocks = pending.filter((b) => epochOf(clock, b.slot) === epoch);
  return { epoch, blocks, previousArchive: provenTip.archive };
}

export type BuildEpochProofParameters = {
  chainId: bigint;
  rollup: Address;
  epoch: bigint;
  previousArchive: Hex;
  /** The epoch's blocks, in order. */
  blocks: readonly ProvableBlock[];
  /** The blob data of a versioned hash (from the sequencer's store or a blob archive). */
  blobOf: (versionedHash: Hex) => ProverBlob;
  prover: Address;
  kzg: CKzg;
};

/** Builds the public inputs and the batched blob proof of an epoch. */
export function buildEpochProof(p: BuildEpochProofParameters): EpochProof {
  if (p.blocks.length === 0) {
    throw new InvalidParameterError(`Epoch ${p.epoch} has no block to prove.`, {
      expected: "at least one block",
      given: "0",
    });
  }
  const batched = batchBlobs({
    blocks: p.blocks.map((b) => ({ headerHash: b.headerHash, blobs: b.versionedHashes.map(p.blobOf) })),
    kzg: p.kzg,
  });
  const expected = p.blocks.flatMap((b) => b.versionedHashes);
  batched.commitments.forEach((commitment, i) => {
    const vh = commitmentToVersionedHash({ commitment });
    if (vh !== expected[i]) {
      throw new ChainDataError(`The blob source gave the wrong blob ${i}.`, {
        expected: `versioned hash ${expected[i]}`,
        given: vh,
      });
    }
  });
  const startBlock = p.blocks[0].blockNumber;
  const endBlock = p.blocks[p.blocks.length - 1].blockNumber;
  const publicInputs: EpochProofPublicInputs = {
    previousArchive: p.previousArchive,
    endArchive: p.blocks[p.blocks.length - 1].archive,
    epochAccumulator: batched.epochAccumulator,
    prover: p.prover,
  };
  const publicInputsHash = epochPublicInputsHash({
    chainId: p.chainId,
    rollup: p.rollup,
    startBlock,
    endBlock,
    publicInputs,
    opening: { gamma: batched.gamma, z: batched.z, y: batched.y, commitmentHash: keccak256(batched.commitment) },
  });
  return {
    epoch: p.epoch,
    startBlock,
    endBlock,
    publicInputs,
    blobProof: batched.blobProof,
    publicInputsHash,
    batched,
  };
}
