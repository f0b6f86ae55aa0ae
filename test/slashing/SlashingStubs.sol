// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Slot} from "../../contracts/core/libraries/TimeLib.sol";
import {RollupConfig} from "../../contracts/core/interfaces/IRollup.sol";
import {IStakingEscrow} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {ISlashPayload} from "../../contracts/slashing/interfaces/ISlashPayload.sol";

/// @notice A rollup whose slot, proposer and epoch length the test sets; it stands in for its escrow too
///         (`exitDelay`, default a week), with 12-second slots and a one-epoch proof window.
contract SlashingRollupStub {
  uint32 internal constant SLOT_SECONDS = 12;
  uint256 public slot;
  address public proposer;
  uint32 public epochDuration;
  uint256 public exitDelay = 7 days;

  constructor(uint32 epochDuration_) {
    epochDuration = epochDuration_;
  }

  function setSlot(uint256 slot_) external {
    slot = slot_;
  }

  function setProposer(address proposer_) external {
    proposer = proposer_;
  }

  function setExitDelay(uint256 exitDelay_) external {
    exitDelay = exitDelay_;
  }

  function getConfig() external view returns (RollupConfig memory config) {
    config.epochDuration = epochDuration;
    config.slotDuration = SLOT_SECONDS;
    config.proofs.proofSubmissionEpochs = 1;
    config.escrow = IStakingEscrow(address(this));
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
