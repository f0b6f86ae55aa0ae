// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SnapshotSetLib} from "./SnapshotSetLib.sol";

/// @title ValidatorSetsLib
/// @notice The validator sets of every rollup version: one pinned set per rollup, one set of followers
///         of the canonical rollup, and the checkpointed history of which rollup the followers serve.
/// @dev The set of rollup R at time t is pinned(R) at t, followed by followers at t if R was the
///      followers' rollup at t. Changing the canonical rollup is one checkpoint push: no loop over any set.
///      The escrow's voting supply rides in the followers' size checkpoint (SnapshotSetLib's `extra`), so a
///      follower's deposit or exit, the common case, writes one checkpoint for both.
library ValidatorSetsLib {
  using SnapshotSetLib for SnapshotSetLib.Set;
  using Checkpoints for Checkpoints.Trace208;

  /// @custom:storage-location erc7201:sp-testnet.staking.validatorSets
  struct ValidatorSetsState {
    mapping(address rollup => SnapshotSetLib.Set) pinned;
    SnapshotSetLib.Set followers;
    /// value = uint160(rollup the followers validate for), keyed by timestamp.
    Checkpoints.Trace208 followersRollup;
  }

  /// keccak256(abi.encode(uint256(keccak256("sp-testnet.staking.validatorSets")) - 1)) & ~bytes32(uint256(0xff))
  bytes32 internal constant STORAGE_SLOT = 0x9fab52c21b25ea0299785a7b75fbd90bc8b6f873ace2eee1f71bf5af0d9ef700;

  /// @notice Makes `rollup` the followers' rollup from `now_` on.
  function setFollowersRollup(address rollup, uint48 now_) internal {
    store().followersRollup.push(now_, uint208(uint160(rollup)));
  }

  /// @notice The rollup followers validate for now (zero before the first).
  function followersRollup() internal view returns (address) {
    return address(uint160(store().followersRollup.latest()));
  }

  /// @notice The rollup followers validated for at `timestamp`.
  function followersRollupAt(uint48 timestamp) internal view returns (address) {
    return address(uint160(SnapshotSetLib.lookup(store().followersRollup, timestamp)));
  }

  /// @notice Adds `attester` to `pinnedRollup`'s set, or to the followers if `pinnedRollup` is zero, and adds
  ///         `supplyIncrease` to the voting supply.
  /// @return index Its position in that set.
  function add(
    address attester,
    address pinnedRollup,
    uint48 now_,
    uint256 supplyIncrease
  ) internal returns (uint256 index) {
    ValidatorSetsState storage $ = store();
    if (pinnedRollup == address(0)) return $.followers.add(attester, now_, supplyIncrease);
    index = $.pinned[pinnedRollup].add(attester, now_, 0);
    if (supplyIncrease != 0) $.followers.changeExtra(now_, supplyIncrease, true);
  }

  /// @notice Removes the member at `index` of `pinnedRollup`'s set (followers' set if zero) and subtracts
  ///         `supplyDecrease` from the voting supply.
  /// @return moved The member that now holds `index` (zero if none moved): the caller updates its index.
  function remove(
    uint256 index,
    address pinnedRollup,
    uint48 now_,
    uint256 supplyDecrease
  ) internal returns (address moved) {
    ValidatorSetsState storage $ = store();
    if (pinnedRollup == address(0)) return $.followers.remove(index, now_, supplyDecrease);
    moved = $.pinned[pinnedRollup].remove(index, now_, 0);
    if (supplyDecrease != 0) $.followers.changeExtra(now_, supplyDecrease, false);
  }

  /// @notice Adds `amount` to the voting supply (subtracts it if `increase` is false).
  function changeVotingSupply(uint48 now_, uint256 amount, bool increase) internal {
    if (amount != 0) store().followers.changeExtra(now_, amount, increase);
  }

  /// @notice The voting supply (the escrow's ERC-5805 total supply) now.
  function votingSupply() internal view returns (uint256) {
    return store().followers.extra();
  }

  /// @notice The voting supply at the end of the last block with timestamp <= `timestamp`.
  function votingSupplyAt(uint48 timestamp) internal view returns (uint256) {
    return store().followers.extraAt(timestamp);
  }

  /// @notice The size of `rollup`'s validator set at `timestamp`.
  function sizeAt(address rollup, uint48 timestamp) internal view returns (uint256 size) {
    ValidatorSetsState storage $ = store();
    size = $.pinned[rollup].sizeAt(timestamp);
    if (_followersServe($, rollup, timestamp)) size += $.followers.sizeAt(timestamp);
  }

  /// @notice The attesters at `indices` of `rollup`'s set at `timestamp`; the sizes are read once.
  /// @return attesters Zero where an index is not below `size`.
  /// @return size The size of the set at `timestamp`.
  function attestersAt(
    address rollup,
    uint256[] memory indices,
    uint48 timestamp
  ) internal view returns (address[] memory attesters, uint256 size) {
    ValidatorSetsState storage $ = store();
    SnapshotSetLib.Set storage pinned = $.pinned[rollup];
    uint256 pinnedSize = pinned.sizeAt(timestamp);
    size = pinnedSize;
    if (_followersServe($, rollup, timestamp)) size += $.followers.sizeAt(timestamp);
    attesters = new address[](indices.length);
    for (uint256 i = 0; i < indices.length; ++i) {
      uint256 index = indices[i];
      if (index >= size) continue;
      attesters[i] =
        index < pinnedSize
          ? pinned.attesterAt(index, timestamp)
          : $.followers.attesterAt(index - pinnedSize, timestamp);
    }
  }

  function _followersServe(ValidatorSetsState storage $, address rollup, uint48 timestamp) private view returns (bool) {
    return rollup != address(0) && address(uint160(SnapshotSetLib.lookup($.followersRollup, timestamp))) == rollup;
  }

  function store() internal pure returns (ValidatorSetsState storage $) {
    bytes32 slot = STORAGE_SLOT;
    assembly ("memory-safe") {
      $.slot := slot
    }
  }
}
