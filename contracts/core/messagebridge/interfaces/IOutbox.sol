// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {L2ToL1Msg} from "../libraries/MessageHashLib.sol";

/// @title IOutboxRollup
/// @notice What the Outbox reads from its Rollup: the proven tip and each block's `outHash`.
interface IOutboxRollup {
  /// @notice The highest proven L2 block number.
  function getProvenTip() external view returns (uint256);

  /// @notice The root of block `blockNumber`'s L2→L1 message tree (zero when it sent none).
  function getOutHash(uint256 blockNumber) external view returns (bytes32);
}

/// @title IOutbox
/// @notice L2→L1 messages (SPEC section 7): once the block that emitted a message is proven, its L1
///         recipient consumes it, once, with an OpenZeppelin `MerkleProof` path against the block's `outHash`.
interface IOutbox {
  /// @notice Emitted when `leaf` at `leafIndex` of block `l2BlockNumber`'s out tree is consumed.
  event MessageConsumed(uint256 indexed l2BlockNumber, bytes32 indexed root, bytes32 indexed leaf, uint256 leafIndex);

  /// @notice Thrown when the block is not proven yet.
  error Outbox__BlockNotProven(uint256 provenTip, uint256 l2BlockNumber);
  /// @notice Thrown when the Outbox is deployed without a Rollup.
  error Outbox__ZeroAddress();
  /// @notice Thrown when the caller is not the message's L1 recipient.
  error Outbox__InvalidRecipient(address expected, address actual);
  /// @notice Thrown when the message is addressed to another L1 chain.
  error Outbox__InvalidChainId(uint256 expected, uint256 actual);
  /// @notice Thrown when the block sent no L2→L1 message (`outHash` is zero).
  error Outbox__NoMessages(uint256 l2BlockNumber);
  /// @notice Thrown when `leafIndex` does not fit a tree of the path's depth.
  error Outbox__LeafIndexOutOfRange(uint256 treeSize, uint256 leafIndex);
  /// @notice Thrown when the message at this position was already consumed.
  error Outbox__AlreadyConsumed(uint256 l2BlockNumber, uint256 leafIndex);
  /// @notice Thrown when the path does not lead from the leaf to the block's `outHash`.
  error Outbox__InvalidPath(bytes32 expectedRoot, bytes32 actualRoot);

  /// @notice Consumes an L2→L1 message of a proven block. The caller must be `message.recipient`.
  /// @param message The message.
  /// @param l2BlockNumber The L2 block whose out tree holds it.
  /// @param leafIndex Its position in that tree (bound into the leaf hash).
  /// @param path Sibling hashes from the leaf to the root (commutative keccak256, OpenZeppelin `MerkleProof`).
  /// @custom:reverts Outbox__BlockNotProven if `l2BlockNumber` is above the proven tip.
  /// @custom:reverts Outbox__InvalidRecipient if the caller is not `message.recipient`.
  /// @custom:reverts Outbox__InvalidChainId if `message.chainId` is not this chain.
  /// @custom:reverts Outbox__NoMessages if the block's `outHash` is zero.
  /// @custom:reverts Outbox__LeafIndexOutOfRange if `leafIndex >= 2^path.length`.
  /// @custom:reverts Outbox__AlreadyConsumed if the message was consumed before.
  /// @custom:reverts Outbox__InvalidPath if the proof does not verify.
  function consume(
    L2ToL1Msg calldata message,
    uint256 l2BlockNumber,
    uint256 leafIndex,
    bytes32[] calldata path
  ) external;

  /// @notice Whether the message at `leafIndex` of block `l2BlockNumber` was consumed.
  /// @param l2BlockNumber The L2 block number.
  /// @param leafIndex The position in its out tree.
  /// @return True if consumed.
  function hasMessageBeenConsumed(uint256 l2BlockNumber, uint256 leafIndex) external view returns (bool);

  /// @notice The Rollup whose proven blocks this Outbox serves.
  /// @return The Rollup.
  function ROLLUP() external view returns (IOutboxRollup);
}
