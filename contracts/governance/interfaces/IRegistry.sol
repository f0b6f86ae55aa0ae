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
  /// @param rollup The rollup contract to register.
  /// @return version The new version number (0 for the first rollup).
  /// @custom:reverts Registry__ZeroAddress if `rollup` is zero.
  /// @custom:reverts Registry__RollupAlreadyRegistered if `rollup` was added before.
  /// @custom:reverts OwnableUnauthorizedAccount if the caller is not the owner.
  function addRollup(address rollup) external returns (uint256 version);

  /// @notice The canonical (latest) rollup.
  /// @return The rollup added last.
  /// @custom:reverts Registry__NoRollup if no rollup was added yet.
  function getCanonicalRollup() external view returns (address);

  /// @notice The rollup that was canonical at `timestamp` (zero address before the first was added).
  /// @dev A rollup added in a block is canonical from that block's timestamp on (inclusive).
  /// @param timestamp An L1 timestamp (seconds).
  /// @return The canonical rollup at `timestamp`.
  function getCanonicalRollupAt(uint256 timestamp) external view returns (address);

  /// @notice The rollup registered as `version`.
  /// @param version A version number, 0-based.
  /// @return The rollup of that version.
  /// @custom:reverts Registry__UnknownVersion if `version >= numberOfVersions()`.
  function getRollup(uint256 version) external view returns (address);

  /// @notice The version number of a registered rollup.
  /// @param rollup A registered rollup.
  /// @return Its 0-based version.
  /// @custom:reverts Registry__UnknownRollup if `rollup` was never added.
  function getVersionOf(address rollup) external view returns (uint256);

  /// @notice Whether `rollup` was ever registered.
  /// @param rollup Any address.
  /// @return True if `rollup` was added as some version.
  function isRegistered(address rollup) external view returns (bool);

  /// @notice How many versions were added.
  /// @return The number of versions.
  function numberOfVersions() external view returns (uint256);
}
