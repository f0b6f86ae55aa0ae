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
  uint256 private immutable MESSAGE_FEE;
  address private immutable FEE_RECIPIENT;

  /// @notice The Rollup that consumes trees.
  address public rollup;
  uint256 private _inProgress = 2; // block 1's tree stays empty and sealed: block 1 can be built at once
  uint256 private _lastConsumed;
  bytes32 private _rollingHash;
  uint256 private _totalMessages;
  mapping(uint256 l2BlockNumber => MerkleFrontier tree) private _trees;

  /// @param messageFee_ Wei each message pays (a spam bound: filling every pending tree costs
  ///        `maxPendingTrees * 2^height` fees, and keeping them full costs `2^height` fees per L2 block).
  /// @param feeRecipient_ Who receives the fees (required when the fee is not zero).
  constructor(uint256 height, uint256 maxPendingTrees, uint256 version, uint256 messageFee_, address feeRecipient_) {
    if (height == 0 || height > 16 || maxPendingTrees == 0) revert Inbox__InvalidConfig(height, maxPendingTrees);
    if (messageFee_ != 0 && feeRecipient_ == address(0)) revert Inbox__ZeroFeeRecipient();
    MESSAGE_FEE = messageFee_;
    FEE_RECIPIENT = feeRecipient_;
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
  ) external payable returns (bytes32 leaf, uint256 index) {
    if (msg.value != MESSAGE_FEE) revert Inbox__WrongFee(MESSAGE_FEE, msg.value);
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
    if (l2BlockNumber + 1 == inProgress) _inProgress = ++inProgress;
    if (l2BlockNumber > _lastConsumed) _lastConsumed = l2BlockNumber;
    root = _trees[l2BlockNumber].root(HEIGHT);
    emit TreeConsumed(l2BlockNumber, root, inProgress);
  }

  /// @inheritdoc IInbox
  function withdrawFees() external returns (uint256 amount) {
    amount = address(this).balance;
    emit FeesWithdrawn(FEE_RECIPIENT, amount);
    (bool ok, ) = FEE_RECIPIENT.call{value: amount}("");
    if (!ok) revert Inbox__FeeTransferFailed(FEE_RECIPIENT, amount);
  }

  /// @inheritdoc IInbox
  function messageFee() external view returns (uint256) {
    return MESSAGE_FEE;
  }

  /// @inheritdoc IInbox
  function feeRecipient() external view returns (address) {
    return FEE_RECIPIENT;
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
