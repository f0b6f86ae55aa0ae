// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRegistry
/// @notice Append-only list of rollup versions; the latest added is canonical (SPEC section 9).
interface IRegistry {
  /// @notice Emitted when `rollup` is added as `version` and becomes canonical.
  event CanonicalRollupUpdated(address indexed rollup, uint256 indexed version);

  /// @notice Thrown when adding the zero address.
  error Registry__ZeroAddress();
  /// @notice Thrown when adding a rollup that is already registered.
  error Registry__RollupAlreadyRegistered(address rollup);
  /// @notice Thrown when asking for a version that does not exist.
  error Registry__UnknownVersion(uint256 version, uint256 numberOfVersions);
  /// @notice Thrown when asking for the version of an address that is not registered.
  error Registry__UnknownRollup(address rollup);
  /// @notice Thrown when asking for the canonical rollup before any was added.
  error Registry__NoRollup();

  /// @notice Appends `rollup` as the next version and makes it canonical. Owner (the Governance timelock) only.
  /// @return version The new version number (0 for the first rollup).
  function addRollup(address rollup) external returns (uint256 version);

  /// @notice The canonical (latest) rollup.
  function getCanonicalRollup() external view returns (address);

  /// @notice The rollup that was canonical at `timestamp` (zero address before the first was added).
  function getCanonicalRollupAt(uint256 timestamp) external view returns (address);

  /// @notice The rollup registered as `version`.
  function getRollup(uint256 version) external view returns (address);

  /// @notice The version number of a registered rollup.
  function getVersionOf(address rollup) external view returns (uint256);

  /// @notice Whether `rollup` was ever registered.
  function isRegistered(address rollup) external view returns (bool);

  /// @notice How many versions were added.
  function numberOfVersions() external view returns (uint256);
}
