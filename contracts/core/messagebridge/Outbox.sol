// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {IOutbox, IOutboxRollup} from "./interfaces/IOutbox.sol";
import {L2ToL1Msg, MessageHashLib} from "./libraries/MessageHashLib.sol";

/// @title Outbox
/// @notice L2→L1 messages of proven blocks, consumed once each (see `IOutbox`).
contract Outbox is IOutbox {
  using BitMaps for BitMaps.BitMap;

  /// @dev Deepest out tree accepted (2^32 messages per block), so `1 << path.length` cannot overflow.
  uint256 private constant MAX_DEPTH = 32;

  /// @inheritdoc IOutbox
  IOutboxRollup public immutable ROLLUP;

  mapping(uint256 l2BlockNumber => BitMaps.BitMap consumed) private _consumed;

  /// @custom:reverts Outbox__ZeroAddress if `rollup` is zero.
  constructor(IOutboxRollup rollup) {
    if (address(rollup) == address(0)) revert Outbox__ZeroAddress();
    ROLLUP = rollup;
  }

  /// @inheritdoc IOutbox
  function consume(
    L2ToL1Msg calldata message,
    uint256 l2BlockNumber,
    uint256 leafIndex,
    bytes32[] calldata path
  ) external {
    uint256 provenTip = ROLLUP.getProvenTip();
    if (l2BlockNumber > provenTip) revert Outbox__BlockNotProven(provenTip, l2BlockNumber);
    if (message.recipient != msg.sender) revert Outbox__InvalidRecipient(message.recipient, msg.sender);
    if (message.chainId != block.chainid) revert Outbox__InvalidChainId(block.chainid, message.chainId);
    bytes32 root = ROLLUP.getOutHash(l2BlockNumber);
    if (root == bytes32(0)) revert Outbox__NoMessages(l2BlockNumber);
    uint256 treeSize = path.length > MAX_DEPTH ? 1 << MAX_DEPTH : 1 << path.length;
    if (leafIndex >= treeSize || path.length > MAX_DEPTH) revert Outbox__LeafIndexOutOfRange(treeSize, leafIndex);
    BitMaps.BitMap storage consumed = _consumed[l2BlockNumber];
    if (consumed.get(leafIndex)) revert Outbox__AlreadyConsumed(l2BlockNumber, leafIndex);

    bytes32 leaf = MessageHashLib.l2ToL1Leaf(message, leafIndex);
    bytes32 computed = MerkleProof.processProofCalldata(path, leaf);
    if (computed != root) revert Outbox__InvalidPath(root, computed);

    consumed.set(leafIndex);
    emit MessageConsumed(l2BlockNumber, root, leaf, leafIndex);
  }

  /// @inheritdoc IOutbox
  function hasMessageBeenConsumed(uint256 l2BlockNumber, uint256 leafIndex) external view returns (bool) {
    return _consumed[l2BlockNumber].get(leafIndex);
  }
}
