// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISlashPayload, Offence, SlashEntry} from "./interfaces/ISlashPayload.sol";

/// @title SlashPayload
/// @notice A list of (attester, amount, offence) written once by the constructor; nothing can change it. Deployed
///         only by `SlashPayloadFactory`, which validates the list (amounts fit in 88 bits).
/// @dev One storage slot per entry: attester << 96 | amount << 8 | offence, so executing a payload of n entries
///      reads n slots (not 3n).
contract SlashPayload is ISlashPayload {
  uint256[] private _entries;

  /// @param entries The validated list.
  constructor(SlashEntry[] memory entries) {
    for (uint256 i = 0; i < entries.length; ++i) {
      SlashEntry memory entry = entries[i];
      _entries.push((uint256(uint160(entry.attester)) << 96) | (entry.amount << 8) | uint256(uint8(entry.offence)));
    }
  }

  /// @inheritdoc ISlashPayload
  function getEntries() external view override returns (SlashEntry[] memory entries) {
    uint256 n = _entries.length;
    entries = new SlashEntry[](n);
    for (uint256 i = 0; i < n; ++i) entries[i] = _unpack(_entries[i]);
  }

  /// @inheritdoc ISlashPayload
  function size() external view override returns (uint256) {
    return _entries.length;
  }

  /// @inheritdoc ISlashPayload
  function getEntry(uint256 index) external view override returns (SlashEntry memory) {
    return _unpack(_entries[index]);
  }

  function _unpack(uint256 packed) private pure returns (SlashEntry memory) {
    return SlashEntry(address(uint160(packed >> 96)), uint88(packed >> 8), Offence(uint8(packed)));
  }
}
