import type { Address, PublicClient } from "viem";
import { rollupAbi } from "../chain/abi.js";
import type { SlotClock } from "../chain/time.js";
import { blocksFromEvents } from "./blocksFromEvents.js";
import type { ProverChainReader } from "./proverClient.js";

export type RollupChainReaderParameters = {
  publicClient: PublicClient;
  rollup: Address;
  clock: SlotClock;
  /** L1 block to scan `L2BlockProposed` logs from (the Rollup's deployment block). */
  fromL1Block?: bigint;
};

/** The prover's view of a deployed Rollup: tips and archives from its views, blocks from its logs. */
export function rollupChainReader(p: RollupChainReaderParameters): ProverChainReader {
  const read = { address: p.rollup, abi: rollupAbi } as const;
  return {
    async tips() {
      const t = await p.publicClient.readContract({ ...read, functionName: "getTips" });
      return { proven: t.provenBlockNumber, pending: t.pendingBlockNumber };
    },
    async archiveOf(n) {
      return (await p.publicClient.readContract({ ...read, functionName: "getBlock", args: [n] })).archive;
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
