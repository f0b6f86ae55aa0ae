import { encodeAbiParameters, hexToBigInt, keccak256 } from "viem";

export type ProposerIndexParameters = {
  epoch: bigint;
  slot: bigint;
  seed: bigint;
  committeeSize: number;
};

/** Index in the committee of the proposer of `slot`: `keccak256(abi.encode(epoch, slot, seed)) % committeeSize`. */
export function proposerIndex({ epoch, slot, seed, committeeSize }: ProposerIndexParameters): number {
  if (!Number.isInteger(committeeSize) || committeeSize <= 0) {
    throw new Error(`proposerIndex: committeeSize must be a positive integer, given ${committeeSize}`);
  }
  const hash = keccak256(
    encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }, { type: "uint256" }], [epoch, slot, seed]),
  );
  return Number(hexToBigInt(hash) % BigInt(committeeSize));
}
