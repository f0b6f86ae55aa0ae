import { encodeAbiParameters, hexToBigInt, keccak256 } from "viem";
import { InvalidParameterError } from "../errors/BaseError.js";

export type SampleIndicesParameters = {
  seed: bigint;
  setSize: number;
  /** How many distinct indices to draw (at most `setSize`). */
  count: number;
};

/**
 * `count` distinct indices of `[0, setSize)` drawn by a partial Fisher–Yates shuffle: exactly what
 * `SamplingLib.sample` computes on chain, so clients know committees without a call.
 */
export function sampleIndices({ seed, setSize, count }: SampleIndicesParameters): number[] {
  if (!Number.isInteger(count) || count < 0 || count > setSize) {
    throw new InvalidParameterError("sampleIndices: count is out of range.", {
      expected: `an integer in [0, ${setSize}]`,
      given: String(count),
    });
  }
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const draw = hexToBigInt(
      keccak256(encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [seed, BigInt(i)])),
    );
    const j = i + Number(draw % BigInt(setSize - i));
    out.push(swapped.get(j) ?? j);
    if (j !== i) swapped.set(j, swapped.get(i) ?? i);
  }
  return out;
}
