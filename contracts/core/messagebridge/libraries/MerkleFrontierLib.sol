// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @notice An append-only Merkle tree of fixed height that stores only its frontier (one node per level).
/// @param frontier The last left-hand node completed at each level.
/// @param nextIndex Number of leaves inserted.
struct MerkleFrontier {
  mapping(uint256 level => bytes32 node) frontier;
  uint256 nextIndex;
}

/// @title MerkleFrontierLib
/// @notice Incremental Merkle tree with OpenZeppelin's commutative keccak256 node hash and zero leaves for
///         empty positions, so its root and `MerkleProof` paths agree with `src/messaging/merkleTree.ts`.
///         Insert costs one frontier write; the root costs `height` hashes.
library MerkleFrontierLib {
  /// @notice Appends `leaf`; the caller checks capacity (`nextIndex < 2^height`).
  /// @param self The tree.
  /// @param leaf The leaf hash.
  /// @return index The leaf's position in the tree.
  function insert(MerkleFrontier storage self, bytes32 leaf) internal returns (uint256 index) {
    index = self.nextIndex;
    uint256 position = index;
    uint256 level = 0;
    bytes32 node = leaf;
    while (position & 1 == 1) {
      node = Hashes.commutativeKeccak256(self.frontier[level], node);
      position >>= 1;
      ++level;
    }
    self.frontier[level] = node;
    self.nextIndex = index + 1;
  }

  /// @notice The root of a tree of `height` levels, empty leaves being zero.
  /// @param self The tree.
  /// @param height Number of levels above the leaves.
  /// @return node The root.
  function root(MerkleFrontier storage self, uint256 height) internal view returns (bytes32 node) {
    uint256 position = self.nextIndex;
    if (position == 1 << height) return self.frontier[height];
    bytes32 zero = bytes32(0);
    // `node` is the subtree that holds the first empty leaf; its left siblings are frontier nodes.
    for (uint256 level = 0; level < height; ++level) {
      node =
        position & 1 == 1
          ? Hashes.commutativeKeccak256(self.frontier[level], node)
          : Hashes.commutativeKeccak256(node, zero);
      zero = Hashes.commutativeKeccak256(zero, zero);
      position >>= 1;
    }
  }
}
