// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimeLib, TimeConfig, Slot, Epoch} from "../core/libraries/TimeLib.sol";

/// @notice Test-only: exposes TimeLib's internal functions so tests can expect its reverts.
contract TimeLibHarness {
  TimeConfig internal cfg;

  constructor(uint64 genesisTime, uint32 slotDuration, uint32 epochDuration) {
    cfg = TimeConfig(genesisTime, slotDuration, epochDuration);
    TimeLib.validate(cfg);
  }

  function slotAt(uint256 timestamp) external view returns (uint256) {
    return Slot.unwrap(TimeLib.slotAt(cfg, timestamp));
  }

  function epochAt(uint256 timestamp) external view returns (uint256) {
    return Epoch.unwrap(TimeLib.epochAt(cfg, timestamp));
  }

  function epochOf(uint256 slot) external view returns (uint256) {
    return Epoch.unwrap(TimeLib.epochOf(cfg, Slot.wrap(slot)));
  }

  function slotStart(uint256 slot) external view returns (uint256) {
    return TimeLib.slotStart(cfg, Slot.wrap(slot));
  }

  function epochStart(uint256 epoch) external view returns (uint256) {
    return TimeLib.epochStart(cfg, Epoch.wrap(epoch));
  }

  function epochEnd(uint256 epoch) external view returns (uint256) {
    return TimeLib.epochEnd(cfg, Epoch.wrap(epoch));
  }
}
