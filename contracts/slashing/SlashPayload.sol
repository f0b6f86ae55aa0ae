// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISlashPayload, SlashEntry} from "./interfaces/ISlashPayload.sol";

/// @title SlashPayload
/// @notice A list of (attester, amount, offence) written once by the constructor; nothing can change it. Deployed
///         only by `SlashPayloadFactory`, which validates the list.
contract SlashPayload is ISlashPayload {
  SlashEntry[] private _entries;

  /// @param entries The validated list.
  constructor(SlashEntry[] memory entries) {
    for (uint256 i = 0; i < entries.length; ++i) _entries.push(entries[i]);
  }

  /// @inheritdoc ISlashPayload
  function getEntries() external view override returns (SlashEntry[] memory) {
    return _entries;
  }

  /// @inheritdoc ISlashPayload
  function size() external view override returns (uint256) {
    return _entries.length;
  }

  /// @inheritdoc ISlashPayload
  function getEntry(uint256 index) external view override returns (SlashEntry memory) {
    return _entries[index];
  }
}
