// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SlashingBase} from "./SlashingBase.sol";
import {ISlasher} from "../../contracts/slashing/interfaces/ISlasher.sol";
import {ISlashPayload} from "../../contracts/slashing/interfaces/ISlashPayload.sol";
import {Registry} from "../../contracts/governance/Registry.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";

/// @notice Slashing after a hard fork (issue 14; Aztec's slasher silently did nothing after a migration): a
///         validator that moved to the new Rollup, by following the canonical rollup or by `migrate`, is still
///         slashed by the old Rollup's real Slasher for offences there while the old Rollup's lagged committees can
///         hold it (the exit delay), and no longer after that.
contract SlasherHardForkTest is SlashingBase {
  address internal slasherB = makeAddr("slasherB");
  StakingTestRollup internal rollupB;

  /// @dev The hard fork: a new Rollup becomes canonical in the Registry and the followers' rollup in the escrow.
  function _hardFork() internal {
    rollupB = new StakingTestRollup(escrow, slasherB);
    vm.startPrank(owner);
    Registry(escrow.registry()).addRollup(address(rollupB));
    escrow.addRollup(address(rollupB));
    vm.stopPrank();
  }

  function test_slash_followerMovedByTheHardForkIsSlashedByTheOldSlasher() public {
    address follower = validators[0];
    _hardFork();
    vm.warp(block.timestamp + 1);
    assertEq(escrow.getEffectiveRollup(follower), address(rollupB), "moved with the canonical rollup");
    ISlashPayload payload = _payload(_one(follower), 30e18);
    vm.expectEmit(address(slasher));
    emit ISlasher.PayloadExecuted(payload, 1, 30e18);
    vm.prank(proposerAddress);
    assertEq(slasher.slash(payload), 1);
    assertEq(_stake(follower), 70e18);
    assertEq(escrow.getVotes(follower), 70e18);
    assertEq(asset.balanceOf(sink), 30e18);
  }

  function test_slash_validatorMigratedToTheNewRollupIsSlashedByTheOldSlasher() public {
    address pinned = validators[1];
    vm.prank(owner); // the withdrawer: pin it to the old rollup first
    escrow.migrate(pinned, address(rollup));
    vm.warp(block.timestamp + escrow.exitDelay()); // that migration's pending window is over
    _hardFork();
    assertEq(escrow.getEffectiveRollup(pinned), address(rollup), "pinned: stays on the old rollup");
    vm.prank(owner);
    escrow.migrate(pinned, address(rollupB));
    assertEq(escrow.getEffectiveRollup(pinned), address(rollupB));
    vm.warp(block.timestamp + escrow.exitDelay() - 1); // the last second of the old slasher's authority
    ISlashPayload payload = _payload(_one(pinned), 30e18);
    vm.prank(proposerAddress);
    assertEq(slasher.slash(payload), 1);
    assertEq(_stake(pinned), 70e18);
    assertEq(asset.balanceOf(sink), 30e18);
  }

  function test_slash_oldSlasherSkipsMovedValidatorsAfterTheWindow() public {
    address follower = validators[0];
    address pinned = validators[1];
    vm.prank(owner);
    escrow.migrate(pinned, address(rollup));
    vm.warp(block.timestamp + escrow.exitDelay());
    _hardFork();
    vm.prank(owner);
    escrow.migrate(pinned, address(rollupB));
    vm.warp(block.timestamp + escrow.exitDelay());
    ISlashPayload payload = _payload(_two(follower, pinned), 30e18);
    vm.prank(proposerAddress);
    assertEq(slasher.slash(payload), 0);
    assertEq(uint8(slasher.getPayloadState(payload)), uint8(ISlasher.PayloadState.SLASHED_NOBODY));
    assertEq(_stake(follower), 100e18);
    assertEq(_stake(pinned), 100e18);
    assertEq(asset.balanceOf(sink), 0);
    vm.prank(slasherB); // the new rollup's slasher has the authority now
    escrow.slash(follower, 1e18);
    assertEq(_stake(follower), 99e18);
  }
}
