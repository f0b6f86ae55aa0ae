// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {StakingEscrowBase} from "./StakingEscrowBase.sol";
import {IStakingEscrow} from "../../contracts/staking/interfaces/IStakingEscrow.sol";

contract StakingEscrowVotesTest is StakingEscrowBase {
  address internal alice = _keyedAddr("alice");
  address internal delegatee = _keyedAddr("delegatee");

  function test_clock_isTimestamp() public view {
    assertEq(escrow.clock(), block.timestamp);
    assertEq(escrow.CLOCK_MODE(), "mode=timestamp");
  }

  function test_deposit_selfDelegatesOneUnitPerToken() public {
    _deposit(rollupA, alice, false);
    assertEq(escrow.delegates(alice), alice);
    assertEq(escrow.getVotes(alice), MIN_STAKE);
    vm.warp(block.timestamp + 1);
    assertEq(escrow.getPastVotes(alice, block.timestamp - 1), MIN_STAKE);
    assertEq(escrow.getPastVotes(alice, START - 1), 0);
    assertEq(escrow.getPastTotalSupply(block.timestamp - 1), MIN_STAKE);
  }

  function test_delegateFor_movesVotesByWithdrawer() public {
    _deposit(rollupA, alice, false);
    vm.warp(START + 10);
    vm.expectEmit(address(escrow));
    emit IVotes.DelegateChanged(alice, alice, delegatee);
    vm.prank(withdrawer);
    escrow.delegateFor(alice, delegatee);
    assertEq(escrow.delegates(alice), delegatee);
    assertEq(escrow.getVotes(alice), 0);
    assertEq(escrow.getVotes(delegatee), MIN_STAKE);
    vm.warp(START + 11);
    assertEq(escrow.getPastVotes(alice, START + 9), MIN_STAKE);
    assertEq(escrow.getPastVotes(delegatee, START + 10), MIN_STAKE);

    vm.prank(withdrawer);
    escrow.delegateFor(alice, alice);
    assertEq(escrow.getVotes(alice), MIN_STAKE);
    assertEq(escrow.getVotes(delegatee), 0);
  }

  function test_delegateFor_revertsForNonWithdrawer() public {
    _deposit(rollupA, alice, false);
    vm.prank(alice);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__NotWithdrawer.selector, withdrawer, alice));
    escrow.delegateFor(alice, delegatee);
    assertEq(escrow.delegates(alice), alice);
    assertEq(escrow.getVotes(alice), MIN_STAKE);
  }

  function test_delegateFor_revertsOnZeroDelegatee() public {
    _deposit(rollupA, alice, false);
    vm.prank(withdrawer);
    vm.expectRevert(IStakingEscrow.StakingEscrow__ZeroAddress.selector);
    escrow.delegateFor(alice, address(0));
    assertEq(escrow.getVotes(alice), MIN_STAKE);
  }

  function test_delegateFor_revertsForUnknownAttester() public {
    vm.prank(withdrawer);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__UnknownAttester.selector, alice));
    escrow.delegateFor(alice, delegatee);
    assertEq(escrow.delegates(alice), alice);
  }

  function test_delegate_revertsForEveryone() public {
    _deposit(rollupA, alice, false);
    vm.prank(alice);
    vm.expectRevert(IStakingEscrow.StakingEscrow__DelegateThroughWithdrawer.selector);
    escrow.delegate(delegatee);
    vm.expectRevert(IStakingEscrow.StakingEscrow__DelegateThroughWithdrawer.selector);
    escrow.delegateBySig(delegatee, 0, block.timestamp, 27, bytes32(0), bytes32(0));
    assertEq(escrow.delegates(alice), alice);
    assertEq(escrow.getVotes(alice), MIN_STAKE);
  }

  function test_initiateWithdraw_burnsVotingUnits() public {
    _deposit(rollupA, alice, false);
    vm.prank(withdrawer);
    escrow.delegateFor(alice, delegatee);
    vm.warp(START + 10);
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    assertEq(escrow.getVotes(delegatee), 0);
    assertEq(escrow.getPastVotes(delegatee, START + 9), MIN_STAKE);
    vm.warp(START + 11);
    assertEq(escrow.getPastTotalSupply(START + 10), 0);
  }

  function test_deposit_restoresSelfDelegationAfterRestake() public {
    _deposit(rollupA, alice, false);
    vm.prank(withdrawer);
    escrow.delegateFor(alice, delegatee);
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    vm.warp(block.timestamp + EXIT_DELAY);
    escrow.finalizeWithdraw(alice);
    _deposit(rollupA, alice, false);
    assertEq(escrow.delegates(alice), alice);
    assertEq(escrow.getVotes(alice), MIN_STAKE);
    assertEq(escrow.getVotes(delegatee), 0);
  }

  function test_fuzz_votes_totalSupplyEqualsStakedUnits(uint8 count, uint8 exits) public {
    count = uint8(bound(count, 1, 30));
    exits = uint8(bound(exits, 0, count));
    for (uint256 i = 0; i < count; ++i) _deposit(rollupA, _attester(i), i % 2 == 0);
    for (uint256 i = 0; i < exits; ++i) {
      vm.prank(withdrawer);
      escrow.initiateWithdraw(_attester(i), recipient);
    }
    vm.warp(block.timestamp + 1);
    assertEq(escrow.getPastTotalSupply(block.timestamp - 1), uint256(count - exits) * MIN_STAKE);
    assertEq(escrow.totalStaked(), uint256(count) * MIN_STAKE);
  }
}
