// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IRewardPool
/// @notice Holds the reward asset and pays what authorized Rollups owe their provers and sequencers
///         (pull payments: a Rollup asks the pool to pay when an account claims). Anyone funds it with a plain
///         ERC-20 transfer; the owner (governance) authorizes Rollup versions.
interface IRewardPool {
  /// @notice Emitted when the owner authorizes or deauthorizes a Rollup.
  event RollupAuthorized(address indexed rollup, bool authorized);
  /// @notice Emitted when the pool pays `amount` to `to` on behalf of `rollup`.
  event RewardPaid(address indexed rollup, address indexed to, uint256 amount);

  /// @notice Thrown when a caller that is not an authorized Rollup asks for a payment.
  error RewardPool__Unauthorized(address caller);
  /// @notice Thrown when the pool holds less than the requested amount.
  error RewardPool__InsufficientFunds(uint256 available, uint256 requested);
  /// @notice Thrown when an address argument is zero.
  error RewardPool__ZeroAddress();

  /// @notice The reward asset.
  /// @return The ERC-20 the pool pays in.
  function ASSET() external view returns (IERC20);

  /// @notice Authorizes (or deauthorizes) `rollup` to request payments. Owner only.
  /// @param rollup The Rollup.
  /// @param authorized Whether it may request payments.
  /// @custom:reverts RewardPool__ZeroAddress if `rollup` is zero.
  /// @custom:reverts OwnableUnauthorizedAccount if the caller is not the owner.
  function setRollupAuthorized(address rollup, bool authorized) external;

  /// @notice Whether `rollup` may request payments.
  /// @param rollup The Rollup.
  /// @return True if authorized.
  function isAuthorized(address rollup) external view returns (bool);

  /// @notice Pays `amount` of the reward asset to `to`. Authorized Rollups only.
  /// @param to The recipient.
  /// @param amount The amount.
  /// @custom:reverts RewardPool__Unauthorized if the caller is not authorized.
  /// @custom:reverts RewardPool__InsufficientFunds if the pool holds less than `amount`.
  function pay(address to, uint256 amount) external;
}
