// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @dev An L1 slot number since genesis. A distinct type so a slot is never passed where an epoch is meant.
type Slot is uint256;
/// @dev An epoch number since genesis (a run of `epochDuration` slots).
type Epoch is uint256;

using {slotEq as ==, slotNeq as !=, slotLt as <, slotLte as <=, slotGt as >, slotGte as >=} for Slot global;
using {epochEq as ==, epochNeq as !=, epochLt as <, epochLte as <=, epochGt as >, epochGte as >=} for Epoch global;

function slotEq(Slot a, Slot b) pure returns (bool) {
  return Slot.unwrap(a) == Slot.unwrap(b);
}
function slotNeq(Slot a, Slot b) pure returns (bool) {
  return Slot.unwrap(a) != Slot.unwrap(b);
}
function slotLt(Slot a, Slot b) pure returns (bool) {
  return Slot.unwrap(a) < Slot.unwrap(b);
}
function slotLte(Slot a, Slot b) pure returns (bool) {
  return Slot.unwrap(a) <= Slot.unwrap(b);
}
function slotGt(Slot a, Slot b) pure returns (bool) {
  return Slot.unwrap(a) > Slot.unwrap(b);
}
function slotGte(Slot a, Slot b) pure returns (bool) {
  return Slot.unwrap(a) >= Slot.unwrap(b);
}
function epochEq(Epoch a, Epoch b) pure returns (bool) {
  return Epoch.unwrap(a) == Epoch.unwrap(b);
}
function epochNeq(Epoch a, Epoch b) pure returns (bool) {
  return Epoch.unwrap(a) != Epoch.unwrap(b);
}
function epochLt(Epoch a, Epoch b) pure returns (bool) {
  return Epoch.unwrap(a) < Epoch.unwrap(b);
}
function epochLte(Epoch a, Epoch b) pure returns (bool) {
  return Epoch.unwrap(a) <= Epoch.unwrap(b);
}
function epochGt(Epoch a, Epoch b) pure returns (bool) {
  return Epoch.unwrap(a) > Epoch.unwrap(b);
}
function epochGte(Epoch a, Epoch b) pure returns (bool) {
  return Epoch.unwrap(a) >= Epoch.unwrap(b);
}

/// @notice Genesis time and durations that define the slot clock (SPEC section 3).
/// @dev Fits one word; the Rollup keeps it in immutables and passes it by value.
struct TimeConfig {
  uint64 genesisTime;
  uint32 slotDuration; // seconds per slot
  uint32 epochDuration; // slots per epoch
}

/// @title TimeLib
/// @notice Slot and epoch arithmetic in L1 seconds:
///         `slot = (t - genesisTime) / slotDuration`, `epoch = slot / epochDuration`.
library TimeLib {
  /// @notice Thrown when a timestamp lies before genesis, where no slot exists.
  error TimeLib__BeforeGenesis(uint256 genesisTime, uint256 timestamp);
  /// @notice Thrown when a configuration has a zero slot or epoch duration.
  error TimeLib__ZeroDuration(uint256 slotDuration, uint256 epochDuration);

  /// @notice Refuses a configuration that would divide by zero.
  function validate(TimeConfig memory cfg) internal pure {
    if (cfg.slotDuration == 0 || cfg.epochDuration == 0) {
      revert TimeLib__ZeroDuration(cfg.slotDuration, cfg.epochDuration);
    }
  }

  /// @notice The slot that contains `timestamp`.
  function slotAt(TimeConfig memory cfg, uint256 timestamp) internal pure returns (Slot) {
    if (timestamp < cfg.genesisTime) revert TimeLib__BeforeGenesis(cfg.genesisTime, timestamp);
    unchecked {
      return Slot.wrap((timestamp - cfg.genesisTime) / cfg.slotDuration);
    }
  }

  /// @notice The epoch that contains `timestamp`.
  function epochAt(TimeConfig memory cfg, uint256 timestamp) internal pure returns (Epoch) {
    return epochOf(cfg, slotAt(cfg, timestamp));
  }

  /// @notice The epoch a slot belongs to.
  function epochOf(TimeConfig memory cfg, Slot slot) internal pure returns (Epoch) {
    return Epoch.wrap(Slot.unwrap(slot) / cfg.epochDuration);
  }

  /// @notice The first second of `slot`.
  function slotStart(TimeConfig memory cfg, Slot slot) internal pure returns (uint256) {
    return cfg.genesisTime + Slot.unwrap(slot) * cfg.slotDuration;
  }

  /// @notice The first slot of `epoch`.
  function firstSlotOf(TimeConfig memory cfg, Epoch epoch) internal pure returns (Slot) {
    return Slot.wrap(Epoch.unwrap(epoch) * cfg.epochDuration);
  }

  /// @notice The first second of `epoch`.
  function epochStart(TimeConfig memory cfg, Epoch epoch) internal pure returns (uint256) {
    return slotStart(cfg, firstSlotOf(cfg, epoch));
  }

  /// @notice The first second after `epoch` ends.
  function epochEnd(TimeConfig memory cfg, Epoch epoch) internal pure returns (uint256) {
    return epochStart(cfg, Epoch.wrap(Epoch.unwrap(epoch) + 1));
  }
}
