// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRegistry} from "./interfaces/IRegistry.sol";

/// @title Registry
/// @notice Append-only list of rollup versions; the latest added is canonical. The owner (the Governance
///         timelock once governance is live) alone adds versions.
/// @dev The canonical history is checkpointed by timestamp (value = version + 1, so 0 means "none yet"),
///      which lets the StakingEscrow and clients ask which rollup was canonical at any past time.
contract Registry is Ownable, IRegistry {
  using Checkpoints for Checkpoints.Trace208;

  address[] private _rollups;
  mapping(address rollup => uint256 versionPlusOne) private _versionPlusOne;
  Checkpoints.Trace208 private _canonicalHistory;
  /// @dev The last rollup added (`_rollups[length - 1]`), kept in its own slot so the round-signalling contracts'
  ///      per-signal lookup is one storage read.
  address private _canonical;

  constructor(address owner_) Ownable(owner_) {}

  /// @inheritdoc IRegistry
  function addRollup(address rollup) external onlyOwner returns (uint256 version) {
    if (rollup == address(0)) revert Registry__ZeroAddress();
    if (_versionPlusOne[rollup] != 0) revert Registry__RollupAlreadyRegistered(rollup);
    version = _rollups.length;
    _rollups.push(rollup);
    _canonical = rollup;
    _versionPlusOne[rollup] = version + 1;
    _canonicalHistory.push(SafeCast.toUint48(block.timestamp), SafeCast.toUint208(version + 1));
    emit CanonicalRollupUpdated(rollup, version);
  }

  /// @inheritdoc IRegistry
  function getCanonicalRollup() external view returns (address) {
    address canonical = _canonical;
    if (canonical == address(0)) revert Registry__NoRollup();
    return canonical;
  }

  /// @inheritdoc IRegistry
  function getCanonicalRollupAt(uint256 timestamp) external view returns (address) {
    uint256 versionPlusOne = _canonicalHistory.upperLookupRecent(SafeCast.toUint48(timestamp));
    return versionPlusOne == 0 ? address(0) : _rollups[versionPlusOne - 1];
  }

  /// @inheritdoc IRegistry
  function getRollup(uint256 version) external view returns (address) {
    uint256 count = _rollups.length;
    if (version >= count) revert Registry__UnknownVersion(version, count);
    return _rollups[version];
  }

  /// @inheritdoc IRegistry
  function getVersionOf(address rollup) external view returns (uint256) {
    uint256 versionPlusOne = _versionPlusOne[rollup];
    if (versionPlusOne == 0) revert Registry__UnknownRollup(rollup);
    return versionPlusOne - 1;
  }

  /// @inheritdoc IRegistry
  function isRegistered(address rollup) external view returns (bool) {
    return _versionPlusOne[rollup] != 0;
  }

  /// @inheritdoc IRegistry
  function numberOfVersions() external view returns (uint256) {
    return _rollups.length;
  }
}
