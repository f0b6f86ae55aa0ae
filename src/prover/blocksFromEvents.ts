import type { Address, PublicClient } from "viem";
import { rollupAbi } from "../chain/abi.js";
import { type SlotClock, slotAt } from "../chain/time.js";
import { ChainDataError } from "../errors/BaseError.js";
import type { ProvableBlock } from "./buildEpochProof.js";

export type BlocksFromEventsParameters = {
  publicClient: PublicClient;
  rollup: Address;
  clock: SlotClock;
  from: bigint;
  to: bigint;
  /** L1 block to scan from (the Rollup's deployment block). */
  fromL1Block?: bigint;
};

/**
 * Blocks `from..to` of the pending chain from `L2BlockProposed` logs: the latest log of each block number wins
 * (a prune or a reorg re-proposes a number), and the slot is that of the L1 block that carried it.
 */
export async function blocksFromEvents(p: BlocksFromEventsParameters): Promise<ProvableBlock[]> {
  const logs = await p.publicClient.getContractEvents({
    address: p.rollup,
    abi: rollupAbi,
    eventName: "L2BlockProposed",
    fromBlock: p.fromL1Block ?? 0n,
    toBlock: "latest",
  });
  const latest = new Map<bigint, (typeof logs)[number]>();
  for (const log of logs) latest.set(log.args.blockNumber!, log);
  const blocks: ProvableBlock[] = [];
  for (let n = p.from; n <= p.to; n++) {
    const log = latest.get(n);
    if (log === undefined) {
      throw new ChainDataError(`No L2BlockProposed log of block ${n}.`, { expected: "one log or more", given: "none" });
    }
    const l1Block = await p.publicClient.getBlock({ blockHash: log.blockHash! });
    blocks.push({
      blockNumber: n,
      archive: log.args.archive!,
      headerHash: log.args.headerHash!,
      slot: slotAt(p.clock, l1Block.timestamp),
      versionedHashes: [...log.args.versionedHashes!],
    });
  }
  return blocks;
}
