// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SamplingLib} from "../core/libraries/SamplingLib.sol";
import {AttestationLib} from "../core/libraries/AttestationLib.sol";
import {BlobLib} from "../core/libraries/BlobLib.sol";
import {Attestations} from "../core/interfaces/IRollup.sol";

/// @notice Test-only: exposes the Rollup's pure/view libraries (sampling, attestations, blobs) so Solidity
///         tests can fuzz them and expect their reverts. `blobhash` is served from `setBlobhashes`.
contract RollupLibHarness {
  bytes32[] internal blobhashes;

  function sample(uint256 seed, uint256 setSize, uint256 k) external pure returns (uint256[] memory) {
    return SamplingLib.sample(seed, setSize, k);
  }

  function verify(bytes32 digest, Attestations calldata attestations, bytes calldata committee) external view {
    AttestationLib.verify(digest, attestations, committee);
  }

  function popCount(uint256 x) external pure returns (uint256) {
    return AttestationLib.popCount(x);
  }

  function setBlobhashes(bytes32[] calldata hashes) external {
    blobhashes = hashes;
  }

  function checkBlobs(bytes calldata commitments, bytes32 blobsHash) external view returns (bytes32[] memory) {
    return BlobLib.check(commitments, blobsHash, _blobhash);
  }

  function _blobhash(uint256 index) internal view returns (bytes32) {
    return index < blobhashes.length ? blobhashes[index] : bytes32(0);
  }
}
