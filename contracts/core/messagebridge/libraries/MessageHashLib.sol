// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice An L2→L1 message as the L2 emits it into a block's out tree.
/// @param sender The L2 sender (an L2 address).
/// @param recipient The L1 contract allowed to consume it.
/// @param chainId The L1 chain id (a message never replays on another chain).
/// @param content The message content (e.g. a hash of the payload).
struct L2ToL1Msg {
  bytes32 sender;
  address recipient;
  uint256 chainId;
  bytes32 content;
}

/// @title MessageHashLib
/// @notice Leaf hashes of the Inbox and Outbox trees, shared with `src/messaging/messageLeaves.ts`. Leaves
///         are double-hashed (`keccak256(keccak256(abi.encode(...)))`, as OpenZeppelin's standard Merkle tree)
///         so a leaf can never be read as an inner node; each leaf binds its index, so with commutative
///         node hashing a path still proves one position only.
library MessageHashLib {
  /// @dev The BN254 scalar field modulus: L2 values must be field elements.
  uint256 internal constant L2_FIELD_MODULUS =
    21888242871839275222246405745257275088548364400416034343698204186575808495617;

  /// @notice The Inbox leaf of an L1→L2 message.
  function l1ToL2Leaf(
    address sender,
    bytes32 recipient,
    uint256 version,
    bytes32 content,
    bytes32 secretHash,
    uint256 index
  ) internal view returns (bytes32) {
    return
      keccak256(
        bytes.concat(keccak256(abi.encode(sender, block.chainid, recipient, version, content, secretHash, index)))
      );
  }

  /// @notice The Outbox leaf of an L2→L1 message at `leafIndex` of its block's out tree.
  function l2ToL1Leaf(L2ToL1Msg calldata message, uint256 leafIndex) internal pure returns (bytes32) {
    return keccak256(bytes.concat(keccak256(abi.encode(message, leafIndex))));
  }
}
