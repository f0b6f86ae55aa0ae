import { type Address, type PublicClient, parseAbi } from "viem";
import type { SlotClock } from "./buildEpochProof.js";
import { blocksFromEvents } from "./blocksFromEvents.js";
import type { ProverChainReader } from "./proverClient.js";

const rollupViewsAbi = parseAbi([
  "struct ChainTips { uint256 pendingBlockNumber; uint256 provenBlockNumber; }",
  "struct BlockLog { bytes32 archive; bytes32 headerHash; bytes32 outHash; address coinbase; uint256 slot; }",
  "function getTips() view returns (ChainTips)",
  "function getBlock(uint256 blockNumber) view returns (BlockLog)",
]);

export type RollupChainReaderParameters = {
  publicClient: PublicClient;
  rollup: Address;
  clock: SlotClock;
  /** L1 block to scan `L2BlockProposed` logs from (the Rollup's deployment block). */
  fromL1Block?: bigint;
};

/** The prover's view of a deployed Rollup: tips and archives from its views, blocks from its logs. */
export function rollupChainReader(p: RollupChainReaderParameters): ProverChainReader {
  return {
    async tips() {
      const t = await p.publicClient.readContract({ address: p.rollup, abi: rollupViewsAbi, functionName: "getTips" });
      return { proven: t.provenBlockNumber, pending: t.pendingBlockNumber };
    },
    async archiveOf(n) {
      const log = await p.publicClient.readContract({
        address: p.rollup,
        abi: rollupViewsAbi,
        functionName: "getBlock",
        args: [n],
      });
      return log.archive;
    },
    blocks: (from, to) =>
      blocksFromEvents({
        publicClient: p.publicClient,
        rollup: p.rollup,
        clock: p.clock,
        from,
        to,
        fromL1Block: p.fromL1Block,
      }),
  };
}
