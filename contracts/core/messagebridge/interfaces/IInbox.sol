// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IInbox
/// @notice L1→L2 messages (SPEC section 7). Messages are appended to the tree being filled; the Rollup
///         consumes one tree per L2 block: block `n` carries `inHash = root of tree n`. Trees are numbered by
///         the L2 block that consumes them, and a tree is sealed (no message joins it any more) one block
///         before it is consumed, so a sequencer builds on a stable tree.
interface IInbox {
  /// @notice Emitted per message. `rollingHash` chains every message since deployment
  ///         (`keccak256(previous ‖ leaf)`) and `l1BlockNumber` is where it was sent, so a follower notices a
  ///         message that an L1 reorg removed (its rolling hash no longer matches).
  event MessageSent(
    uint256 indexed l2BlockNumber,
    uint256 index,
    bytes32 indexed leaf,
    bytes32 rollingHash,
    uint256 l1BlockNumber,
    address sender,
    bytes32 recipient,
    bytes32 content,
    bytes32 secretHash
  );
  /// @notice Emitted when the Rollup is bound, once.
  event RollupBound(address rollup);
  /// @notice Emitted when the Rollup consumes tree `l2BlockNumber` (its root is that block's `inHash`); `inProgress`
  ///         is the tree new messages join from now on (sealing changes it).
  event TreeConsumed(uint256 indexed l2BlockNumber, bytes32 root, uint256 inProgress);
  /// @notice Emitted when the collected message fees are paid to the fee recipient.
  event FeesWithdrawn(address indexed recipient, uint256 amount);

  /// @notice Thrown when a caller other than the deployer binds the Rollup, or other than the Rollup consumes.
  error Inbox__Unauthorized(address expected, address actual);
  /// @notice Thrown when the Rollup is bound twice or bound to the zero address.
  error Inbox__InvalidRollup(address current, address given);
  /// @notice Thrown when a recipient, content or secret hash is not an L2 field element (BN254 scalar field).
  error Inbox__NotAFieldElement(uint256 max, uint256 given);
  /// @notice Thrown when filling another tree would put more than `maxPendingTrees` trees ahead of the
  ///         last consumed one (with the message fee, what bounds spam).
  error Inbox__TooManyPendingTrees(uint256 max, uint256 actual);
  /// @notice Thrown when the Rollup consumes a tree that is still being filled.
  error Inbox__TreeNotSealed(uint256 inProgress, uint256 l2BlockNumber);
  /// @notice Thrown at deployment when the tree height is 0 or above 16, or the pending-trees limit is 0.
  error Inbox__InvalidConfig(uint256 height, uint256 maxPendingTrees);
  /// @notice Thrown when a message is sent with another value than the message fee.
  error Inbox__WrongFee(uint256 expected, uint256 given);
  /// @notice Thrown at deployment when a message fee is set without a recipient for it.
  error Inbox__ZeroFeeRecipient();
  /// @notice Thrown when paying the collected fees to the recipient fails.
  error Inbox__FeeTransferFailed(address recipient, uint256 amount);

  /// @notice Sends a message to `recipient` on L2; it joins the tree being filled.
  /// @param recipient The L2 recipient (an L2 address, a field element).
  /// @param content The message content (a field element, e.g. a hash of the payload).
  /// @param secretHash Hash of the secret that the L2 consumer reveals (a field element).
  /// @return leaf The leaf hash.
  /// @return index The global index: `l2BlockNumber * 2^height + position`.
  ///         Pays exactly `messageFee()` (audit F-5: without a fee, ≈ 500 free messages filled every pending tree
  ///         and blocked every sender for as long as L2 did not consume).
  /// @custom:reverts Inbox__WrongFee if `msg.value` is not the message fee.
  /// @custom:reverts Inbox__NotAFieldElement if an argument is not below the BN254 scalar modulus.
  /// @custom:reverts Inbox__TooManyPendingTrees if the tree being filled is full and too many trees wait.
  function sendL2Message(
    bytes32 recipient,
    bytes32 content,
    bytes32 secretHash
  ) external payable returns (bytes32 leaf, uint256 index);

  /// @notice Pays the fees collected so far to the fee recipient; anyone may call.
  /// @return amount The amount paid.
  /// @custom:reverts Inbox__FeeTransferFailed if the recipient refuses the payment.
  function withdrawFees() external returns (uint256 amount);

  /// @notice The fee (wei) every message pays.
  function messageFee() external view returns (uint256);

  /// @notice Who receives the message fees.
  function feeRecipient() external view returns (address);

  /// @notice Returns the root of tree `l2BlockNumber` (its `inHash`) and seals the next tree.
  /// @dev Rollup only, at propose time. Consuming the same tree again (after a prune) returns the same root.
  /// @param l2BlockNumber The L2 block being proposed.
  /// @return root The tree's root.
  /// @custom:reverts Inbox__Unauthorized if the caller is not the Rollup.
  /// @custom:reverts Inbox__TreeNotSealed if `l2BlockNumber` is the tree still being filled, or later.
  function consume(uint256 l2BlockNumber) external returns (bytes32 root);

  /// @notice Binds the Rollup allowed to consume. Deployer only, once.
  /// @param rollup The Rollup address.
  /// @custom:reverts Inbox__Unauthorized if the caller is not the deployer.
  /// @custom:reverts Inbox__InvalidRollup if already bound or `rollup` is zero.
  function bindRollup(address rollup) external;

  /// @notice The root tree `l2BlockNumber` has now (final once the tree is sealed).
  /// @param l2BlockNumber The L2 block number.
  /// @return The root.
  function getRoot(uint256 l2BlockNumber) external view returns (bytes32);

  /// @notice Number of messages in tree `l2BlockNumber`.
  /// @param l2BlockNumber The L2 block number.
  /// @return The number of leaves.
  function getTreeSize(uint256 l2BlockNumber) external view returns (uint256);

  /// @notice The tree that new messages join.
  /// @return The L2 block number of that tree.
  function getInProgress() external view returns (uint256);

  /// @notice The rolling hash of every message so far, and their count.
  /// @return rollingHash `keccak256(previous ‖ leaf)` over all messages.
  /// @return totalMessages Number of messages ever sent.
  function getRollingHash() external view returns (bytes32 rollingHash, uint256 totalMessages);
}
