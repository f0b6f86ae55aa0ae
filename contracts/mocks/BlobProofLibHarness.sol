// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BlobProofLib, BatchedBlobOpening} from "../core/libraries/BlobProofLib.sol";

/// @title BlobProofLibHarness
/// @notice Exposes `BlobProofLib` so TypeScript tests can check it against c-kzg outputs and the real
///         point evaluation precompile. Test only.
contract BlobProofLibHarness {
  function accumulate(bytes32 acc, bytes calldata commitment) external pure returns (bytes32) {
    return BlobProofLib.accumulate(acc, commitment);
  }

  function versionedHash(bytes calldata commitment) external pure returns (bytes32) {
    return BlobProofLib.versionedHash(commitment);
  }

  function challenges(bytes32 commitmentsHash, bytes calldata c) external pure returns (uint256 gamma, uint256 z) {
    return BlobProofLib.challenges(commitmentsHash, c);
  }

  function verifyBatchedOpening(
    bytes32 commitmentsHash,
    bytes calldata blobProof
  ) external view returns (BatchedBlobOpening memory) {
    return BlobProofLib.verifyBatchedOpening(commitmentsHash, blobProof);
  }
}
