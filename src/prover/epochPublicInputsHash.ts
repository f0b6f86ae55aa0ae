import { type Address, type ContractFunctionArgs, type Hex, encodeAbiParameters, getAbiItem, keccak256 } from "viem";
import { rollupAbi } from "../chain/abi.js";

/** `EpochProofPublicInputs` (IEpochProof.sol), typed from the Rollup's ABI. */
export type EpochProofPublicInputs = ContractFunctionArgs<typeof rollupAbi, "nonpayable", "submitEpochRootProof">[2];

/** ABI of the `EpochProofPublicInputs` tuple (the third input of `submitEpochRootProof`). */
const publicInputsAbiParameter = getAbiItem({ abi: rollupAbi, name: "submitEpochRootProof" }).inputs[2];

/** `BatchedBlobOpening` (BlobProofLib.sol; computed on chain, so in no external ABI). */
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
 * commits its proof to. `abi.encode` of the static `BatchedBlobOpening` struct is its fields in place.
 */
export function epochPublicInputsHash(p: EpochPublicInputsHashParameters): Hex {
  const { gamma, z, y, commitmentHash } = p.opening;
  return keccak256(
    encodeAbiParameters(
      [
        { type: "uint256" },
        { type: "address" },
        { type: "uint256" },
        { type: "uint256" },
        publicInputsAbiParameter,
        { type: "uint256" },
        { type: "uint256" },
        { type: "uint256" },
        { type: "bytes32" },
      ],
      [p.chainId, p.rollup, p.startBlock, p.endBlock, p.publicInputs, gamma, z, y, commitmentHash],
    ),
  );
}
