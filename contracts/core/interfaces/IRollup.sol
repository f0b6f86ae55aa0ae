// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Slot, Epoch} from "../libraries/TimeLib.sol";

/// @title IRollup
/// @notice The Rollup's public surface (SPEC sections 5 and 6). Other domains (governance signalling,
///         slashing, staking) depend only on this interface.
/// @dev Owned by the rollup-core work; it grows there (propose, proofs, prunes, views).
interface IRollup {
  /// @notice The L1 slot `block.timestamp` lies in.
  function getCurrentSlot() external view returns (Slot);

  /// @notice The epoch `block.timestamp` lies in.
  function getCurrentEpoch() external view returns (Epoch);

  /// @notice The proposer of the current slot (zero address in committee-less bootstrap mode: anyone).
  function getCurrentProposer() external view returns (address);

  /// @notice The proposer of the slot that contains `timestamp`.
  function getProposerAt(uint256 timestamp) external view returns (address);
}
