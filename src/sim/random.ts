import { keccak256, toHex } from "viem";

/**
 * The run's randomness: a number in [0, 1) from keccak256 of the seed and what it is for (`"reorg", slot`), so
 * each choice is reproducible from the seed alone and independent of the order choices are made in.
 */
export function draw(seed: string, ...purpose: (string | number | bigint)[]): number {
  const hash = BigInt(keccak256(toHex([seed, ...purpose.map(String)].join("/"))));
  return Number(hash >> 203n) / 2 ** 53;
}

/** An integer in `[min, max]` (see `draw`). */
export function drawInt(min: number, max: number, seed: string, ...purpose: (string | number | bigint)[]): number {
  return min + Math.floor(draw(seed, ...purpose) * (max - min + 1));
}
