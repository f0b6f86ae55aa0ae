// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Slot, Epoch} from "../core/libraries/TimeLib.sol";
import {RollupConfig} from "../core/interfaces/IRollup.sol";
import {IStakingEscrow} from "../staking/interfaces/IStakingEscrow.sol";

/// @notice Test-only rollup clock for GovernanceProposer unit tests: the slot and its proposer are set directly.
///         It answers only the IRollup views the GovernanceProposer and the hard-fork payload read (same selectors).
contract GovernanceRollupStub {
  uint256 public slot;
  address public proposer;
  address public escrow;

  function setEscrow(address escrow_) external {
    escrow = escrow_;
  }

  /// @dev Only `escrow` is set: what HardForkPayload checks.
  function getConfig() external view returns (RollupConfig memory config) {
    config.escrow = IStakingEscrow(escrow);
  }

  function setSlot(uint256 slot_) external {
    slot = slot_;
  }

  function setProposer(address proposer_) external {
    proposer = proposer_;
  }

  function getCurrentSlot() external view returns (Slot) {
    return Slot.wrap(slot);
  }

  function getCurrentEpoch() external view returns (Epoch) {
    return Epoch.wrap(slot / 32);
  }

  function getCurrentProposer() external view returns (address) {
    return proposer;
  }

  function getProposerAt(uint256) external view returns (address) {
    return proposer;
  }
}
