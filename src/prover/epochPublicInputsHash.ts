import { type Address, type Hex, encodeAbiParameters, keccak256 } from "viem";

/** `EpochProofPublicInputs` (IEpochProof.sol). */
export type EpochProofPublicInputs = {
  previousArchive: Hex;
  endArchive: Hex;
  epochAccumulator: Hex;
  prover: Address;
};

/** `BatchedBlobOpening` (BlobProofLib.sol). */
export type BatchedBlobOpening = { gamma: bigint; z: bigint; y: bigint; commitmentHash: Hex };

export type EpochPublicInputsHashParameters = {
  chainId: bigint;
  rollup: Address;
  startBlock: bigint;
  endBlock: bigint;
  publicInputs: EpochProofPublicInputs;
  opening: BatchedBlobOpening;
};

/**
 * The hash the Rollup passes to `IVerifier.verify` (`EpochProofLib.publicInputsHash`): what a real prover
 * commits its proof to.
 */
export function epochPublicInputsHash(p: EpochPublicInputsHashParameters): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: "uint256" },
        { type: "address" },
        { type: "uint256" },
        { type: "uint256" },
        {
          type: "tuple",
          components: [
            { name: "previousArchive", type: "bytes32" },
            { name: "endArchive", type: "bytes32" },
            { name: "epochAccumulator", type: "bytes32" },
            { name: "prover", type: "address" },
          ],
        },
        {
          type: "tuple",
          components: [
            { name: "gamma", type: "uint256" },
            { name: "z", type: "uint256" },
            { name: "y", type: "uint256" },
            { name: "commitmentHash", type: "bytes32" },
          ],
        },
      ],
      [p.chainId, p.rollup, p.startBlock, p.endBlock, p.publicInputs, p.opening],
    ),
  );
}
