import { type Address, type Hex, type PublicClient, parseAbiItem } from "viem";
import type { ProvableBlock, SlotClock } from "./buildEpochProof.js";

/** `L2BlockProposed` as the Rollup emits it (IRollup). */
export const l2BlockProposedEvent = parseAbiItem(
  "event L2BlockProposed(uint256 indexed blockNumber, bytes32 indexed archive, bytes32 headerHash, bytes32[] versionedHashes)",
);

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
  const logs = await p.publicClient.getLogs({
    address: p.rollup,
    event: l2BlockProposedEvent,
    fromBlock: p.fromL1Block ?? 0n,
    toBlock: "latest",
  });
  const latest = new Map<bigint, (typeof logs)[number]>();
  for (const log of logs) latest.set(log.args.blockNumber!, log);
  const blocks: ProvableBlock[] = [];
  for (let n = p.from; n <= p.to; n++) {
    const log = latest.get(n);
    if (log === undefined) throw new Error(`L2BlockProposed of block ${n}: expected a log, found none`);
    const l1Block = await p.publicClient.getBlock({ blockHash: log.blockHash! });
    blocks.push({
      blockNumber: n,
      archive: log.args.archive as Hex,
      headerHash: log.args.headerHash as Hex,
      slot: (l1Block.timestamp - p.clock.genesisTime) / p.clock.slotDuration,
      versionedHashes: [...(log.args.versionedHashes as readonly Hex[])],
    });
  }
  return blocks;
}
