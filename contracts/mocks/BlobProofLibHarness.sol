// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BlobProofLib, BatchedBlobOpening} from "../core/libraries/BlobProofLib.sol";
import {ChainStateLib} from "../core/libraries/ChainStateLib.sol";

/// @title BlobProofLibHarness
/// @notice Exposes `BlobProofLib` so TypeScript tests can check it against c-kzg outputs and the real
///         point evaluation precompile. Test only.
contract BlobProofLibHarness {
  /// @dev The Rollup's per-block fold (ChainStateLib): keccak256(acc ‖ headerHash ‖ vh_0 ‖ … ‖ vh_k).
  function accumulate(
    bytes32 acc,
    bytes32 headerHash,
    bytes32[] calldata versionedHashes
  ) external pure returns (bytes32) {
    return ChainStateLib.accumulate(acc, headerHash, versionedHashes);
  }

  function versionedHash(bytes calldata commitment) external pure returns (bytes32) {
    return BlobProofLib.versionedHash(commitment);
  }

  function challenges(bytes32 epochAccumulator, bytes calldata c) external pure returns (uint256 gamma, uint256 z) {
    return BlobProofLib.challenges(epochAccumulator, c);
  }

  function verifyBatchedOpening(
    bytes32 epochAccumulator,
    bytes calldata blobProof
  ) external view returns (BatchedBlobOpening memory) {
    return BlobProofLib.verifyBatchedOpening(epochAccumulator, blobProof);
  }
}
