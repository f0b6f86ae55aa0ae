// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRollup} from "../interfaces/IRollup.sol";

/// @title BlobLib
/// @notice Ties a block to its EIP-4844 blobs: at least one commitment, each given KZG commitment must hash to the
///         transaction's `blobhash(i)` (`0x01 ‖ sha256(commitment)[1:]`), the transaction carries no blob beyond
///         them, and the header's `blobsHash` must be the keccak256 of the packed versioned hashes.
/// @dev `blobhash` is read through a function pointer so a Solidity test harness can stand in for the opcode
///      (EDR's `vm.blobhashes` does not reach it); the real opcode path is tested with type-3 transactions.
library BlobLib {
  uint256 internal constant COMMITMENT_LENGTH = 48;
  uint8 internal constant VERSIONED_HASH_VERSION_KZG = 0x01;

  /// @notice Checks the commitments against the transaction's blobs and `blobsHash`.
  /// @return versionedHashes The blobs' versioned hashes, in order.
  function check(
    bytes calldata commitments,
    bytes32 blobsHash,
    function(uint256) view returns (bytes32) blobhashAt
  ) internal view returns (bytes32[] memory versionedHashes) {
    if (commitments.length % COMMITMENT_LENGTH != 0) {
      revert IRollup.Rollup__MalformedBlobCommitments(commitments.length);
    }
    uint256 n = commitments.length / COMMITMENT_LENGTH;
    // Every block publishes its data in at least one blob, and in exactly the blobs it names (audit F-8).
    if (n == 0) revert IRollup.Rollup__NoBlobs();
    versionedHashes = new bytes32[](n);
    for (uint256 i = 0; i < n; ++i) {
      bytes32 computed = versionedHash(commitments[i * COMMITMENT_LENGTH:(i + 1) * COMMITMENT_LENGTH]);
      bytes32 onChain = blobhashAt(i);
      if (computed != onChain) revert IRollup.Rollup__BlobHashMismatch(i, onChain, computed);
      versionedHashes[i] = computed;
    }
    bytes32 extra = blobhashAt(n);
    if (extra != bytes32(0)) revert IRollup.Rollup__UnexpectedBlob(n, extra);
    bytes32 expected = hashVersionedHashes(versionedHashes);
    if (expected != blobsHash) revert IRollup.Rollup__BlobsHashMismatch(expected, blobsHash);
  }

  /// @notice `0x01 ‖ sha256(commitment)[1:]` (EIP-4844).
  function versionedHash(bytes calldata commitment) internal pure returns (bytes32) {
    return
      (sha256(commitment) & 0x00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff) |
      bytes32(uint256(VERSIONED_HASH_VERSION_KZG) << 248);
  }

  /// @notice keccak256 of the packed versioned hashes (the header's `blobsHash`).
  function hashVersionedHashes(bytes32[] memory versionedHashes) internal pure returns (bytes32 h) {
    assembly ("memory-safe") {
      h := keccak256(add(versionedHashes, 0x20), mul(mload(versionedHashes), 0x20))
    }
  }
}
