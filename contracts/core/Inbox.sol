// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IInbox} from "./interfaces/IInbox.sol";
import {MerkleFrontier, MerkleFrontierLib} from "./libraries/MerkleFrontierLib.sol";
import {MessageHashLib} from "./libraries/MessageHashLib.sol";

/// @title Inbox
/// @notice L1→L2 message trees, one per L2 block (see `IInbox`).
contract Inbox is IInbox {
  using MerkleFrontierLib for MerkleFrontier;

  /// @notice Height of each tree: `2^HEIGHT` messages per L2 block.
  uint256 public immutable HEIGHT;
  /// @notice Trees allowed ahead of the last consumed one before sends are refused.
  uint256 public immutable MAX_PENDING_TREES;
  /// @notice The L2 rollup version messages are addressed to (bound into each leaf).
  uint256 public immutable VERSION;
  /// @notice The account that may bind the Rollup, once.
  address public immutable DEPLOYER;

  /// @notice The Rollup that consumes trees.
  address public rollup;
  uint256 private _inProgress = 2; // block 1's tree stays empty and sealed: block 1 can be built at once
  uint256 private _lastConsumed;
  bytes32 private _rollingHash;
  uint256 private _totalMessages;
  mapping(uint256 l2BlockNumber => MerkleFrontier tree) private _trees;

  constructor(uint256 height, uint256 maxPendingTrees, uint256 version) {
    if (height == 0 || height > 16 || maxPendingTrees == 0) revert Inbox__InvalidConfig(height, maxPendingTrees);
    HEIGHT = height;
    MAX_PENDING_TREES = maxPendingTrees;
    VERSION = version;
    DEPLOYER = msg.sender;
  }

  /// @inheritdoc IInbox
  function bindRollup(address rollup_) external {
    if (msg.sender != DEPLOYER) revert Inbox__Unauthorized(DEPLOYER, msg.sender);
    if (rollup != address(0) || rollup_ == address(0)) revert Inbox__InvalidRollup(rollup, rollup_);
    rollup = rollup_;
    emit RollupBound(rollup_);
  }

  /// @inheritdoc IInbox
  function sendL2Message(
    bytes32 recipient,
    bytes32 content,
    bytes32 secretHash
  ) external returns (bytes32 leaf, uint256 index) {
    _checkField(recipient);
    _checkField(content);
    _checkField(secretHash);

    uint256 treeNumber = _inProgress;
    if (_trees[treeNumber].nextIndex == 1 << HEIGHT) {
      treeNumber += 1;
      uint256 pending = treeNumber - _lastConsumed;
      if (pending > MAX_PENDING_TREES) revert Inbox__TooManyPendingTrees(MAX_PENDING_TREES, pending);
      _inProgress = treeNumber;
    }
    MerkleFrontier storage tree = _trees[treeNumber];
    index = (treeNumber << HEIGHT) + tree.nextIndex;
    leaf = MessageHashLib.l1ToL2Leaf(msg.sender, recipient, VERSION, content, secretHash, index);
    tree.insert(leaf);

    bytes32 rolling = keccak256(abi.encodePacked(_rollingHash, leaf));
    _rollingHash = rolling;
    ++_totalMessages;
    emit MessageSent(treeNumber, index, leaf, rolling, block.number, msg.sender, recipient, content, secretHash);
  }

  /// @inheritdoc IInbox
  function consume(uint256 l2BlockNumber) external returns (bytes32 root) {
    if (msg.sender != rollup) revert Inbox__Unauthorized(rollup, msg.sender);
    uint256 inProgress = _inProgress;
    if (l2BlockNumber >= inProgress) revert Inbox__TreeNotSealed(inProgress, l2BlockNumber);
    // Seal the next block's tree so its proposer builds on a tree that no longer changes.
    if (l2BlockNumber + 1 == inProgress) _inProgress = inProgress + 1;
    if (l2BlockNumber > _lastConsumed) _lastConsumed = l2BlockNumber;
    return _trees[l2BlockNumber].root(HEIGHT);
  }

  /// @inheritdoc IInbox
  function getRoot(uint256 l2BlockNumber) external view returns (bytes32) {
    return _trees[l2BlockNumber].root(HEIGHT);
  }

  /// @inheritdoc IInbox
  function getTreeSize(uint256 l2BlockNumber) external view returns (uint256) {
    return _trees[l2BlockNumber].nextIndex;
  }

  /// @inheritdoc IInbox
  function getInProgress() external view returns (uint256) {
    return _inProgress;
  }

  /// @inheritdoc IInbox
  function getRollingHash() external view returns (bytes32 rollingHash, uint256 totalMessages) {
    return (_rollingHash, _totalMessages);
  }

  function _checkField(bytes32 value) private pure {
    if (uint256(value) >= MessageHashLib.L2_FIELD_MODULUS) {
      revert Inbox__NotAFieldElement(MessageHashLib.L2_FIELD_MODULUS - 1, uint256(value));
    }
  }
}
