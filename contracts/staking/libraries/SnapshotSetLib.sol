// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

/// @title SnapshotSetLib
/// @notice An address set whose size and membership by index can be read as of any past timestamp.
/// @dev Layout: a checkpointed size, and per index position a checkpointed address; removal swaps the
///      last element into the freed position (checkpointing the move) and pops. Every operation touches a
///      constant number of positions, so add/remove cost O(log n) at most (the checkpoint pushes are O(1)),
///      and a read costs O(1) when it asks for a time at or after the latest change of what it reads
///      (the usual case for a lagged committee read) and O(log k) otherwise, k = changes of that item.
///      Per position the latest entry is stored inline (one slot: since + address) and older entries go
///      to a Trace208 only when the position is overwritten, so an append writes one fresh slot.
///      The size checkpoint's value packs the size (low 40 bits) with a 168-bit `extra` the caller may keep
///      alongside it (the escrow keeps its voting supply in the followers' set): a change of both is one write.
///      The caller keeps each member's index (it packs it with its own per-member record, which saves a
///      fresh slot per member) and updates the index of the member a removal moves.
///      Reads at `t` see the state at the end of the last block with timestamp <= t; a read at the
///      current block's timestamp can still change within the block, so callers read past timestamps.
library SnapshotSetLib {
  using Checkpoints for Checkpoints.Trace208;

  /// @notice The latest value of one index position.
  struct Entry {
    uint48 since;
    address attester;
  }

  /// @notice The history of one index position.
  struct Position {
    Entry current;
    Checkpoints.Trace208 past;
  }

  /// @notice A checkpointed set.
  struct Set {
    /// value = extra << SIZE_BITS | size
    Checkpoints.Trace208 size;
    mapping(uint256 index => Position) positions;
  }

  /// @notice Bits of a size checkpoint's value that hold the size; the 168 above hold the caller's `extra`.
  uint256 internal constant SIZE_BITS = 40;
  uint256 internal constant SIZE_MASK = (1 << SIZE_BITS) - 1;

  /// @notice Thrown when `extra` would leave its 168 bits (or go below zero).
  error SnapshotSetLib__ExtraOutOfRange(uint256 extra, uint256 change);

  /// @notice Appends `attester` (the caller guarantees it is not in the set) and adds `extraIncrease` to `extra`.
  /// @return index The position `attester` takes.
  function add(
    Set storage self,
    address attester,
    uint48 now_,
    uint256 extraIncrease
  ) internal returns (uint256 index) {
    uint256 packed = self.size.latest();
    index = packed & SIZE_MASK;
    _write(self.positions[index], attester, now_);
    self.size.push(now_, _pack(packed >> SIZE_BITS, extraIncrease, true, index + 1));
  }

  /// @notice Removes the member at `index` (the caller guarantees `index` < size) by swap-and-pop and subtracts
  ///         `extraDecrease` from `extra`.
  /// @return moved The member moved from the last position into `index` (zero if `index` was the last).
  function remove(
    Set storage self,
    uint256 index,
    uint48 now_,
    uint256 extraDecrease
  ) internal returns (address moved) {
    uint256 packed = self.size.latest();
    uint256 last = (packed & SIZE_MASK) - 1;
    if (index != last) {
      moved = self.positions[last].current.attester;
      _write(self.positions[index], moved, now_);
    }
    self.size.push(now_, _pack(packed >> SIZE_BITS, extraDecrease, false, last));
  }

  /// @notice Adds `change` to `extra` (subtracts it if `increase` is false); the size stays.
  function changeExtra(Set storage self, uint48 now_, uint256 change, bool increase) internal {
    uint256 packed = self.size.latest();
    self.size.push(now_, _pack(packed >> SIZE_BITS, change, increase, packed & SIZE_MASK));
  }

  /// @notice The size of the set at the end of the last block with timestamp <= `timestamp`.
  function sizeAt(Set storage self, uint48 timestamp) internal view returns (uint256) {
    return lookup(self.size, timestamp) & SIZE_MASK;
  }

  /// @notice The caller's `extra` now.
  function extra(Set storage self) internal view returns (uint256) {
    return self.size.latest() >> SIZE_BITS;
  }

  /// @notice The caller's `extra` at the end of the last block with timestamp <= `timestamp`.
  function extraAt(Set storage self, uint48 timestamp) internal view returns (uint256) {
    return lookup(self.size, timestamp) >> SIZE_BITS;
  }

  /// @notice The attester at `index` at `timestamp`; the caller checks `index < sizeAt(timestamp)`.
  function attesterAt(Set storage self, uint256 index, uint48 timestamp) internal view returns (address) {
    Position storage position = self.positions[index];
    Entry memory current = position.current;
    if (current.since <= timestamp) return current.attester;
    return address(uint160(position.past.upperLookupRecent(timestamp)));
  }

  /// @notice `upperLookupRecent` with an O(1) path for a key at or after the latest checkpoint.
  function lookup(Checkpoints.Trace208 storage trace, uint48 key) internal view returns (uint208) {
    (bool exists, uint48 latestKey, uint208 latestValue) = trace.latestCheckpoint();
    if (!exists) return 0;
    if (latestKey <= key) return latestValue;
    return trace.upperLookupRecent(key);
  }

  function _pack(uint256 extra_, uint256 change, bool increase, uint256 size) private pure returns (uint208) {
    if (!increase && change > extra_) revert SnapshotSetLib__ExtraOutOfRange(extra_, change);
    uint256 updated = increase ? extra_ + change : extra_ - change;
    if (updated >> (208 - SIZE_BITS) != 0) revert SnapshotSetLib__ExtraOutOfRange(extra_, change);
    return uint208((updated << SIZE_BITS) | size);
  }

  function _write(Position storage position, address attester, uint48 now_) private {
    Entry memory current = position.current;
    // An entry written earlier in this block was never visible to a past timestamp: overwrite it.
    if (current.since != 0 && current.since != now_) {
      position.past.push(current.since, uint208(uint160(current.attester)));
    }
    position.current = Entry(now_, attester);
  }
}
