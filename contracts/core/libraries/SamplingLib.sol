// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title SamplingLib
/// @notice Samples `k` distinct indices of `[0, setSize)` from a seed in O(k) time and memory, whatever `setSize`:
///         a partial Fisher–Yates shuffle of the virtual array `a[x] = x`, keeping only the swapped entries in a
///         small open-addressing hash map in memory.
/// @dev Step i draws `j = i + keccak256(seed, i) % (setSize - i)` and takes `a[j]`, then moves `a[i]` into `a[j]`.
///      The result is a uniformly random k-permutation (modulo bias below 2^-200 for set sizes below 2^56).
///      `src/committee/sampleIndices.ts` mirrors this exactly.
library SamplingLib {
  /// @dev Fibonacci hashing multiplier (2^64 / golden ratio).
  uint256 private constant HASH_MULTIPLIER = 0x9E3779B97F4A7C15;

  /// @notice `k` distinct indices of `[0, setSize)`, in draw order. Requires `k <= setSize` (caller's duty).
  function sample(uint256 seed, uint256 setSize, uint256 k) internal pure returns (uint256[] memory out) {
    out = new uint256[](k);
    if (k == 0) return out;
    uint256 capacity = 2;
    while (capacity < 2 * k) capacity <<= 1;
    // keys[h] = key + 1 (0 = empty slot); vals[h] = a[key]. Never more than k entries: load factor <= 1/2.
    uint256[] memory keys = new uint256[](capacity);
    uint256[] memory vals = new uint256[](capacity);
    uint256 mask = capacity - 1;
    unchecked {
      for (uint256 i = 0; i < k; ++i) {
        uint256 j = i + (uint256(keccak256(abi.encode(seed, i))) % (setSize - i));
        (uint256 slotJ, uint256 valueJ) = _find(keys, vals, mask, j);
        out[i] = valueJ;
        if (j != i) {
          (, uint256 valueI) = _find(keys, vals, mask, i);
          keys[slotJ] = j + 1;
          vals[slotJ] = valueI;
        }
      }
    }
  }

  /// @dev The map slot of `key` (its own, or the empty one where it would go) and `a[key]`.
  function _find(
    uint256[] memory keys,
    uint256[] memory vals,
    uint256 mask,
    uint256 key
  ) private pure returns (uint256 slot, uint256 value) {
    unchecked {
      slot = (key * HASH_MULTIPLIER) & mask;
      while (true) {
        uint256 stored = keys[slot];
        if (stored == 0) return (slot, key);
        if (stored == key + 1) return (slot, vals[slot]);
        slot = (slot + 1) & mask;
      }
    }
  }
}
