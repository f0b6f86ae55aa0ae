// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStakingEscrow, IStakingRollup} from "../staking/interfaces/IStakingEscrow.sol";

/// @notice Test-only: the part of a Rollup the StakingEscrow talks to, until the real Rollup exists.
///         Forwards `deposit` with payer = its caller, names a slasher, and reads the set like a rollup.
contract StakingTestRollup is IStakingRollup {
  IStakingEscrow public immutable ESCROW;
  address public slasher;

  constructor(IStakingEscrow escrow, address slasher_) {
    ESCROW = escrow;
    slasher = slasher_;
  }

  function deposit(address attester, address withdrawer, bool followCanonical, bytes calldata signature) external {
    ESCROW.deposit(msg.sender, attester, withdrawer, followCanonical, signature);
  }

  function setSlasher(address slasher_) external {
    slasher = slasher_;
  }

  function getSlasher() external view returns (address) {
    return slasher;
  }
}
