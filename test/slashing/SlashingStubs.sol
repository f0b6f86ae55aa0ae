// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Slot} from "../../contracts/core/libraries/TimeLib.sol";
import {RollupConfig} from "../../contracts/core/interfaces/IRollup.sol";
import {ISlashPayload} from "../../contracts/slashing/interfaces/ISlashPayload.sol";

/// @notice A rollup whose slot, proposer and epoch length the test sets.
contract SlashingRollupStub {
  uint256 public slot;
  address public proposer;
  uint32 public epochDuration;

  constructor(uint32 epochDuration_) {
    epochDuration = epochDuration_;
  }

  function setSlot(uint256 slot_) external {
    slot = slot_;
  }

  function setProposer(address proposer_) external {
    proposer = proposer_;
  }

  function getConfig() external view returns (RollupConfig memory config) {
    config.epochDuration = epochDuration;
  }

  function getCurrentSlot() external view returns (Slot) {
    return Slot.wrap(slot);
  }

  function getCurrentProposer() external view returns (address) {
    return proposer;
  }
}

/// @notice Records the payloads handed over.
contract SlasherStub {
  ISlashPayload[] public handed;

  function slash(ISlashPayload payload) external returns (uint256) {
    handed.push(payload);
    return 7;
  }

  function handedCount() external view returns (uint256) {
    return handed.length;
  }
}
