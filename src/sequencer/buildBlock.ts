import { zeroHash, type Address, type Hex } from "viem";
import { encodeBlobs, type EncodedBlobs } from "../blob/encodeBlobs.js";
import { computeArchive, type L2Header } from "./header.js";
import { encodeBlockData } from "./encodeBlockData.js";

export type BuildBlockParameters = {
  /** The pending tip the block builds on. */
  parent: { blockNumber: bigint; archive: Hex };
  slot: bigint;
  /** First second of `slot`. */
  timestamp: bigint;
  coinbase: Address;
  txs: readonly Hex[];
  inHash?: Hex;
  outHash?: Hex;
  totalFees?: bigint;
  /** The transactions' data already encoded into blobs (e.g. ahead of the slot, by a KZG worker). */
  encoded?: { data: Hex; blobs: EncodedBlobs };
};

export type BuiltBlock = {
  header: L2Header;
  /** The block's data (what the blobs carry). */
  data: Hex;
  blobs: EncodedBlobs;
};

/** Builds the next block on `parent`: encodes the transactions into blobs and chains the archive. */
export function buildBlock(params: BuildBlockParameters): BuiltBlock {
  const data = params.encoded?.data ?? encodeBlockData(params.txs);
  const blobs = params.encoded?.blobs ?? encodeBlobs({ data });
  const withoutArchive = {
    lastArchive: params.parent.archive,
    blockNumber: params.parent.blockNumber + 1n,
    slot: params.slot,
    timestamp: params.timestamp,
    coinbase: params.coinbase,
    txCount: BigInt(params.txs.length),
    inHash: params.inHash ?? zeroHash,
    outHash: params.outHash ?? zeroHash,
    blobsHash: blobs.blobsHash,
    totalFees: params.totalFees ?? 0n,
  };
  return { header: { ...withoutArchive, archive: computeArchive(withoutArchive) }, data, blobs };
}
