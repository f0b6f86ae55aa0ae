// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITestStakingAsset
/// @notice A testnet staking token: the owner mints, anyone draws a rate-limited amount from the faucet.
interface ITestStakingAsset {
  /// @notice Emitted when the faucet pays `amount` to `recipient`.
  event FaucetDrip(address indexed recipient, uint256 amount, uint256 nextAllowedAt);
  /// @notice Emitted when the owner changes the faucet's amount or cooldown.
  event FaucetConfigured(uint256 amount, uint256 cooldown);

  /// @notice Thrown when an address draws again before its cooldown has passed.
  error TestStakingAsset__FaucetCooldown(uint256 nextAllowedAt, uint256 now);
  /// @notice Thrown when minting to, or dripping for, the zero address.
  error TestStakingAsset__ZeroAddress();
  /// @notice Thrown when a mint or a faucet amount is zero.
  error TestStakingAsset__ZeroAmount();

  /// @notice Mints `amount` to `to`.
  /// @dev Owner only.
  /// @param to The recipient.
  /// @param amount The amount in token units.
  /// @custom:reverts TestStakingAsset__ZeroAddress if `to` is zero.
  /// @custom:reverts TestStakingAsset__ZeroAmount if `amount` is zero.
  /// @custom:reverts OwnableUnauthorizedAccount if the caller is not the owner.
  function mint(address to, uint256 amount) external;

  /// @notice Pays `faucetAmount()` to the caller, at most once per `faucetCooldown()` seconds.
  /// @custom:reverts TestStakingAsset__FaucetCooldown if the caller drew less than a cooldown ago.
  function faucet() external;

  /// @notice Sets the faucet's amount per draw and the cooldown between draws of one address.
  /// @dev Owner only.
  /// @param amount Tokens paid per draw.
  /// @param cooldown Seconds between two draws of one address.
  /// @custom:reverts TestStakingAsset__ZeroAmount if `amount` is zero.
  /// @custom:reverts OwnableUnauthorizedAccount if the caller is not the owner.
  function setFaucet(uint256 amount, uint256 cooldown) external;

  /// @notice Tokens paid per faucet draw.
  function faucetAmount() external view returns (uint256);

  /// @notice Seconds an address waits between two faucet draws.
  function faucetCooldown() external view returns (uint256);

  /// @notice The first timestamp at which `account` may draw again (0: now).
  function nextFaucetAt(address account) external view returns (uint256);
}
