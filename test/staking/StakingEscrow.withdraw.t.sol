// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingEscrowBase} from "./StakingEscrowBase.sol";
import {IStakingEscrow, Status, Exit} from "../../contracts/staking/interfaces/IStakingEscrow.sol";

contract StakingEscrowWithdrawTest is StakingEscrowBase {
  address internal alice = _keyedAddr("alice");

  function setUp() public override {
    super.setUp();
    _deposit(rollupA, alice, false);
  }

  function test_initiateWithdraw_leavesSetAndStartsDelay() public {
    vm.expectEmit(address(escrow));
    emit IStakingEscrow.WithdrawInitiated(alice, recipient, MIN_STAKE, block.timestamp + EXIT_DELAY);
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    assertEq(uint8(_status(alice)), uint8(Status.EXITING));
    assertEq(_sizeNow(address(rollupA)), 0);
    assertEq(escrow.getEffectiveRollup(alice), address(0));
    Exit memory exit = escrow.getExit(alice);
    assertEq(exit.amount, MIN_STAKE);
    assertEq(exit.recipient, recipient);
    assertEq(exit.exitableAt, block.timestamp + EXIT_DELAY);
    assertEq(escrow.totalStaked(), MIN_STAKE);
    _assertSolvent();
  }

  function test_initiateWithdraw_fromZombie() public {
    vm.prank(slasher);
    escrow.slash(alice, MIN_STAKE - EJECTION + 1);
    assertEq(uint8(_status(alice)), uint8(Status.ZOMBIE));
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    assertEq(uint8(_status(alice)), uint8(Status.EXITING));
    assertEq(escrow.getExit(alice).amount, EJECTION - 1);
  }

  function test_initiateWithdraw_revertsOnZeroRecipient() public {
    vm.prank(withdrawer);
    vm.expectRevert(IStakingEscrow.StakingEscrow__ZeroAddress.selector);
    escrow.initiateWithdraw(alice, address(0));
    _assertStillValidating();
  }

  function test_initiateWithdraw_revertsForNonWithdrawer() public {
    vm.prank(alice);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__NotWithdrawer.selector, withdrawer, alice));
    escrow.initiateWithdraw(alice, recipient);
    _assertStillValidating();
  }

  function test_initiateWithdraw_revertsForUnknownAttester() public {
    address bob = _keyedAddr("bob");
    vm.prank(withdrawer);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__UnknownAttester.selector, bob));
    escrow.initiateWithdraw(bob, recipient);
    _assertStillValidating();
  }

  function test_initiateWithdraw_revertsWhenAlreadyExiting() public {
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    uint256 exitableAt = escrow.getExit(alice).exitableAt;
    vm.warp(block.timestamp + 1);
    vm.prank(withdrawer);
    vm.expectRevert(
      abi.encodeWithSelector(
        IStakingEscrow.StakingEscrow__InvalidStatus.selector,
        alice,
        Status.VALIDATING,
        Status.EXITING
      )
    );
    escrow.initiateWithdraw(alice, _keyedAddr("other"));
    assertEq(escrow.getExit(alice).exitableAt, exitableAt);
    assertEq(escrow.getExit(alice).recipient, recipient);
  }

  function test_finalizeWithdraw_paysRecipientAfterDelay() public {
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    vm.warp(block.timestamp + EXIT_DELAY);
    vm.expectEmit(address(escrow));
    emit IStakingEscrow.WithdrawFinalized(alice, recipient, MIN_STAKE);
    escrow.finalizeWithdraw(alice);
    assertEq(token.balanceOf(recipient), MIN_STAKE);
    assertEq(uint8(_status(alice)), uint8(Status.NONE));
    assertEq(escrow.getExit(alice).exitableAt, 0);
    assertEq(escrow.totalStaked(), 0);
    _assertSolvent();
  }

  function test_finalizeWithdraw_revertsBeforeDelay() public {
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    uint256 exitableAt = block.timestamp + EXIT_DELAY;
    vm.warp(exitableAt - 1);
    vm.expectRevert(
      abi.encodeWithSelector(IStakingEscrow.StakingEscrow__ExitNotReady.selector, exitableAt, exitableAt - 1)
    );
    escrow.finalizeWithdraw(alice);
    assertEq(uint8(_status(alice)), uint8(Status.EXITING));
    assertEq(token.balanceOf(recipient), 0);
    _assertSolvent();
  }

  function test_finalizeWithdraw_revertsWhenNotExiting() public {
    vm.expectRevert(
      abi.encodeWithSelector(
        IStakingEscrow.StakingEscrow__InvalidStatus.selector,
        alice,
        Status.EXITING,
        Status.VALIDATING
      )
    );
    escrow.finalizeWithdraw(alice);
    _assertStillValidating();
  }

  function test_finalizeWithdraw_revertsForUnknownAttester() public {
    address bob = _keyedAddr("bob");
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__UnknownAttester.selector, bob));
    escrow.finalizeWithdraw(bob);
    _assertStillValidating();
  }

  function test_fuzz_finalizeWithdraw_onlyAfterExitDelay(uint256 wait) public {
    wait = bound(wait, 0, 4 * EXIT_DELAY);
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    vm.warp(block.timestamp + wait);
    if (wait < EXIT_DELAY) {
      vm.expectRevert(
        abi.encodeWithSelector(IStakingEscrow.StakingEscrow__ExitNotReady.selector, START + EXIT_DELAY, START + wait)
      );
    }
    escrow.finalizeWithdraw(alice);
    assertEq(token.balanceOf(recipient), wait < EXIT_DELAY ? 0 : MIN_STAKE);
    _assertSolvent();
  }

  function _assertStillValidating() internal view {
    assertEq(uint8(_status(alice)), uint8(Status.VALIDATING));
    assertEq(_sizeNow(address(rollupA)), 1);
    assertEq(escrow.getExit(alice).exitableAt, 0);
    assertEq(escrow.getVotes(alice), MIN_STAKE);
  }
}
