// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Rollup} from "../core/Rollup.sol";
import {RollupConfig} from "../core/interfaces/IRollup.sol";

/// @notice Test-only: the Rollup with `blobhash(i)` served from `setBlobhashes`, because EDR's `vm.blobhashes`
///         does not reach the opcode. The real opcode path is tested from TypeScript with type-3 transactions.
contract RollupHarness is Rollup {
  bytes32[] internal blobhashes;

  constructor(RollupConfig memory config) Rollup(config) {}

  function setBlobhashes(bytes32[] calldata hashes) external {
    blobhashes = hashes;
  }

  function _blobhash(uint256 index) internal view override returns (bytes32) {
    return index < blobhashes.length ? blobhashes[index] : bytes32(0);
  }
}
