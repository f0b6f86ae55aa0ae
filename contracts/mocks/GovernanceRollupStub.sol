// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRollup} from "../core/interfaces/IRollup.sol";
import {Slot, Epoch} from "../core/libraries/TimeLib.sol";

/// @notice Test-only rollup clock for GovernanceProposer unit tests: the slot and its proposer are set directly.
contract GovernanceRollupStub is IRollup {
  uint256 public slot;
  address public proposer;

  function setSlot(uint256 slot_) external {
    slot = slot_;
  }

  function setProposer(address proposer_) external {
    proposer = proposer_;
  }

  function getCurrentSlot() external view override returns (Slot) {
    return Slot.wrap(slot);
  }

  function getCurrentEpoch() external view override returns (Epoch) {
    return Epoch.wrap(slot / 32);
  }

  function getCurrentProposer() external view override returns (address) {
    return proposer;
  }

  function getProposerAt(uint256) external view override returns (address) {
    return proposer;
  }
}
