import { concat, numberToHex, size, type Hex } from "viem";

/** A block's data as published in blobs: `uint32 txCount ‖ (uint32 length ‖ payload)*`. */
export function encodeBlockData(txs: readonly Hex[]): Hex {
  const parts: Hex[] = [numberToHex(txs.length, { size: 4 })];
  for (const tx of txs) parts.push(numberToHex(size(tx), { size: 4 }), tx);
  return concat(parts);
}
