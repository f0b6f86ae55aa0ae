// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Slot, Epoch} from "../core/libraries/TimeLib.sol";

/// @notice Test-only rollup clock for GovernanceProposer unit tests: the slot and its proposer are set directly.
///         It answers only the IRollup views the GovernanceProposer reads (same selectors).
contract GovernanceRollupStub {
  uint256 public slot;
  address public proposer;

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
