import { encodeAbiParameters, hexToBigInt, keccak256 } from "viem";
import { InvalidParameterError } from "../errors/BaseError.js";

export type ProposerIndexParameters = {
  epoch: bigint;
  slot: bigint;
  seed: bigint;
  committeeSize: number;
};

/** Index in the committee of the proposer of `slot`: `keccak256(abi.encode(epoch, slot, seed)) % committeeSize`. */
export function proposerIndex({ epoch, slot, seed, committeeSize }: ProposerIndexParameters): number {
  if (!Number.isInteger(committeeSize) || committeeSize <= 0) {
    throw new InvalidParameterError("proposerIndex: committeeSize is not a positive integer.", {
      expected: "a positive integer",
      given: String(committeeSize),
    });
  }
  const hash = keccak256(
    encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }, { type: "uint256" }], [epoch, slot, seed]),
  );
  return Number(hexToBigInt(hash) % BigInt(committeeSize));
}
