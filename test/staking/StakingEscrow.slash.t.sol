// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingEscrowBase} from "./StakingEscrowBase.sol";
import {IStakingEscrow, Status} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";

contract StakingEscrowSlashTest is StakingEscrowBase {
  address internal alice = _keyedAddr("alice");

  function setUp() public override {
    super.setUp();
    _deposit(rollupA, alice, false);
  }

  function test_slash_aboveThresholdKeepsValidating() public {
    uint256 amount = MIN_STAKE - EJECTION;
    vm.expectEmit(address(escrow));
    emit IStakingEscrow.Slashed(alice, slasher, amount, EJECTION);
    vm.prank(slasher);
    escrow.slash(alice, amount);
    assertEq(escrow.getValidator(alice).stake, EJECTION);
    assertEq(uint8(_status(alice)), uint8(Status.VALIDATING));
    assertEq(_sizeNow(address(rollupA)), 1);
    assertEq(token.balanceOf(slasher), amount);
    assertEq(escrow.getVotes(alice), EJECTION);
    _assertSolvent();
  }

  function test_slash_belowThresholdEjects() public {
    uint256 amount = MIN_STAKE - EJECTION + 1;
    vm.expectEmit(address(escrow));
    emit IStakingEscrow.Ejected(alice, address(rollupA), EJECTION - 1);
    vm.prank(slasher);
    escrow.slash(alice, amount);
    assertEq(uint8(_status(alice)), uint8(Status.ZOMBIE));
    assertEq(_sizeNow(address(rollupA)), 0);
    assertEq(escrow.getEffectiveRollup(alice), address(0));
    assertEq(escrow.getVotes(alice), EJECTION - 1);
    // still slashable by the rollup it left
    vm.prank(slasher);
    escrow.slash(alice, 1);
    assertEq(escrow.getValidator(alice).stake, EJECTION - 2);
    _assertSolvent();
  }

  function test_slash_exitingReducesPayout() public {
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    vm.prank(slasher);
    escrow.slash(alice, 30e18);
    assertEq(escrow.getExit(alice).amount, MIN_STAKE - 30e18);
    assertEq(uint8(_status(alice)), uint8(Status.EXITING));
    vm.warp(block.timestamp + EXIT_DELAY);
    escrow.finalizeWithdraw(alice);
    assertEq(token.balanceOf(recipient), MIN_STAKE - 30e18);
    _assertSolvent();
  }

  function test_slash_isCappedAtStake() public {
    vm.prank(slasher);
    escrow.slash(alice, 10 * MIN_STAKE);
    assertEq(escrow.getValidator(alice).stake, 0);
    assertEq(token.balanceOf(slasher), MIN_STAKE);
    assertEq(escrow.totalStaked(), 0);
    assertEq(escrow.getVotes(alice), 0);
    _assertSolvent();
  }

  /// A follower is slashable by the new canonical rollup's slasher at once, and by the old one's for the exit
  /// delay after the hard fork (its lagged committees still hold it: audit F-2), then no longer.
  function test_slash_followerBySlasherOfCurrentCanonical() public {
    address bob = _keyedAddr("bob");
    _deposit(rollupA, bob, true);
    vm.warp(block.timestamp + 1);
    address newSlasher = _keyedAddr("newSlasher");
    StakingTestRollup rollupB = _newRollup();
    rollupB.setSlasher(newSlasher);
    uint256 forkedAt = block.timestamp;
    vm.prank(newSlasher);
    escrow.slash(bob, 1);
    vm.prank(slasher);
    escrow.slash(bob, 1);
    assertEq(escrow.getValidator(bob).stake, MIN_STAKE - 2);
    vm.warp(forkedAt + EXIT_DELAY + 1);
    vm.prank(slasher);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__NotSlasher.selector, newSlasher, slasher));
    escrow.slash(bob, 1);
    assertEq(escrow.getValidator(bob).stake, MIN_STAKE - 2);
  }

  function test_slash_revertsForOtherCaller() public {
    vm.prank(alice);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__NotSlasher.selector, slasher, alice));
    escrow.slash(alice, 1);
    _assertUntouched();
  }

  function test_slash_revertsForSlasherOfAnotherRollup() public {
    vm.warp(block.timestamp + 1);
    StakingTestRollup rollupB = _newRollup();
    address otherSlasher = _keyedAddr("otherSlasher");
    rollupB.setSlasher(otherSlasher);
    vm.prank(otherSlasher);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__NotSlasher.selector, slasher, otherSlasher));
    escrow.slash(alice, 1);
    _assertUntouched();
  }

  function test_slash_revertsOnZeroAmount() public {
    vm.prank(slasher);
    vm.expectRevert(IStakingEscrow.StakingEscrow__ZeroAmount.selector);
    escrow.slash(alice, 0);
    _assertUntouched();
  }

  function test_slash_revertsForUnknownAttester() public {
    address bob = _keyedAddr("bob");
    vm.prank(slasher);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__UnknownAttester.selector, bob));
    escrow.slash(bob, 1);
    _assertUntouched();
  }

  function test_fuzz_slash_takesMinOfAmountAndStake(uint256 first, uint256 second) public {
    first = bound(first, 1, 2 * MIN_STAKE);
    second = bound(second, 1, 2 * MIN_STAKE);
    vm.startPrank(slasher);
    escrow.slash(alice, first);
    escrow.slash(alice, second);
    vm.stopPrank();
    uint256 taken = first + second > MIN_STAKE ? MIN_STAKE : first + second;
    assertEq(token.balanceOf(slasher), taken);
    assertEq(escrow.getValidator(alice).stake, MIN_STAKE - taken);
    bool ejected = MIN_STAKE - taken < EJECTION;
    assertEq(uint8(_status(alice)), uint8(ejected ? Status.ZOMBIE : Status.VALIDATING));
    assertEq(_sizeNow(address(rollupA)), ejected ? 0 : 1);
    _assertSolvent();
  }

  function _assertUntouched() internal view {
    assertEq(escrow.getValidator(alice).stake, MIN_STAKE);
    assertEq(uint8(_status(alice)), uint8(Status.VALIDATING));
    assertEq(escrow.totalStaked(), MIN_STAKE);
    assertEq(token.balanceOf(address(escrow)), MIN_STAKE);
  }
}
