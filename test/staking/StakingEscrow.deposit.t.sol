// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {StakingEscrowBase} from "./StakingEscrowBase.sol";
import {StakingEscrow} from "../../contracts/staking/StakingEscrow.sol";
import {
  IStakingEscrow,
  Status,
  DepositArgs,
  ValidatorInfo
} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {IRegistry} from "../../contracts/governance/interfaces/IRegistry.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";

contract StakingEscrowDepositTest is StakingEscrowBase {
  address internal alice = _keyedAddr("alice");

  function test_constructor_setsParameters() public view {
    assertEq(escrow.asset(), address(token));
    assertEq(escrow.registry(), address(registry));
    assertEq(escrow.owner(), owner);
    assertEq(escrow.minimumStake(), MIN_STAKE);
    assertEq(escrow.ejectionThreshold(), EJECTION);
    assertEq(escrow.exitDelay(), EXIT_DELAY);
  }

  function test_constructor_revertsOnInvalidStakeParameters() public {
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__InvalidStakeParameters.selector, 0, 0));
    new StakingEscrow(token, registry, owner, 0, 0, EXIT_DELAY);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__InvalidStakeParameters.selector, 10, 11));
    new StakingEscrow(token, registry, owner, 10, 11, EXIT_DELAY);
    uint256 tooLarge = uint256(type(uint88).max) + 1;
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__InvalidStakeParameters.selector, tooLarge, 0));
    new StakingEscrow(token, registry, owner, tooLarge, 0, EXIT_DELAY);
  }

  function test_constructor_revertsOnZeroAddress() public {
    vm.expectRevert(IStakingEscrow.StakingEscrow__ZeroAddress.selector);
    new StakingEscrow(IERC20(address(0)), registry, owner, MIN_STAKE, EJECTION, EXIT_DELAY);
    vm.expectRevert(IStakingEscrow.StakingEscrow__ZeroAddress.selector);
    new StakingEscrow(token, IRegistry(address(0)), owner, MIN_STAKE, EJECTION, EXIT_DELAY);
  }

  function test_deposit_pinnedJoinsCallingRollupSet() public {
    _fund(payer, 1);
    bytes memory consent = _consent(alice, withdrawer, address(rollupA), false);
    vm.expectEmit(address(escrow));
    emit IStakingEscrow.Deposited(alice, withdrawer, address(rollupA), false, MIN_STAKE);
    vm.prank(payer);
    rollupA.deposit(alice, withdrawer, false, consent);

    ValidatorInfo memory info = escrow.getValidator(alice);
    assertEq(info.stake, MIN_STAKE);
    assertEq(info.withdrawer, withdrawer);
    assertEq(info.pinnedRollup, address(rollupA));
    assertFalse(info.followCanonical);
    assertEq(uint8(info.status), uint8(Status.VALIDATING));
    assertEq(escrow.getEffectiveRollup(alice), address(rollupA));
    assertEq(_sizeNow(address(rollupA)), 1);
    assertEq(escrow.getAttesterAtIndex(address(rollupA), 0, block.timestamp), alice);
    assertEq(token.balanceOf(payer), 0);
    assertEq(token.balanceOf(address(escrow)), MIN_STAKE);
    assertEq(escrow.totalStaked(), MIN_STAKE);
  }

  function test_deposit_followerJoinsCanonicalSet() public {
    _deposit(rollupA, alice, true);
    ValidatorInfo memory info = escrow.getValidator(alice);
    assertEq(info.pinnedRollup, address(0));
    assertTrue(info.followCanonical);
    assertEq(escrow.getEffectiveRollup(alice), address(rollupA));
    assertEq(escrow.getAttesterAtIndex(address(rollupA), 0, block.timestamp), alice);
  }

  function test_deposit_fromOlderRollupPinsToItAndFollowersGoToCanonical() public {
    vm.warp(START + 10);
    StakingTestRollup rollupB = _newRollup();
    _deposit(rollupA, alice, false);
    _deposit(rollupA, _keyedAddr("bob"), true);
    assertEq(escrow.getEffectiveRollup(alice), address(rollupA));
    assertEq(escrow.getEffectiveRollup(_keyedAddr("bob")), address(rollupB));
    assertEq(_sizeNow(address(rollupA)), 1);
    assertEq(_sizeNow(address(rollupB)), 1);
  }

  function test_deposit_revertsForUnregisteredRollup() public {
    _fund(payer, 1);
    vm.prank(payer);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__UnregisteredRollup.selector, payer));
    escrow.deposit(payer, alice, withdrawer, true, "");

    StakingTestRollup stranger = new StakingTestRollup(escrow, slasher);
    bytes memory consent = _consent(alice, withdrawer, address(stranger), false);
    vm.prank(payer);
    vm.expectRevert(
      abi.encodeWithSelector(IStakingEscrow.StakingEscrow__UnregisteredRollup.selector, address(stranger))
    );
    stranger.deposit(alice, withdrawer, false, consent);
    _assertNothingStaked(alice);
  }

  function test_deposit_revertsOnZeroAttester() public {
    _fund(payer, 1);
    vm.prank(payer);
    vm.expectRevert(IStakingEscrow.StakingEscrow__ZeroAddress.selector);
    rollupA.deposit(address(0), withdrawer, false, "");
    _assertNothingStaked(address(0));
  }

  function test_deposit_revertsOnZeroWithdrawer() public {
    _fund(payer, 1);
    vm.prank(payer);
    vm.expectRevert(IStakingEscrow.StakingEscrow__ZeroAddress.selector);
    rollupA.deposit(alice, address(0), false, "");
    _assertNothingStaked(alice);
  }

  function test_deposit_revertsOnDuplicateAttester() public {
    _deposit(rollupA, alice, false);
    _fund(payer, 1);
    bytes memory consent = _consent(alice, withdrawer, address(rollupA), true);
    vm.prank(payer);
    vm.expectRevert(
      abi.encodeWithSelector(IStakingEscrow.StakingEscrow__AttesterAlreadyStaked.selector, alice, Status.VALIDATING)
    );
    rollupA.deposit(alice, withdrawer, true, consent);
    assertEq(escrow.totalStaked(), MIN_STAKE);
    assertEq(_sizeNow(address(rollupA)), 1);
    assertEq(token.balanceOf(payer), MIN_STAKE);
  }

  function test_deposit_revertsWhileExiting() public {
    _deposit(rollupA, alice, false);
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    _fund(payer, 1);
    bytes memory consent = _consent(alice, withdrawer, address(rollupA), false);
    vm.prank(payer);
    vm.expectRevert(
      abi.encodeWithSelector(IStakingEscrow.StakingEscrow__AttesterAlreadyStaked.selector, alice, Status.EXITING)
    );
    rollupA.deposit(alice, withdrawer, false, consent);
    assertEq(uint8(_status(alice)), uint8(Status.EXITING));
    assertEq(_sizeNow(address(rollupA)), 0);
  }

  function test_deposit_revertsOnShortAllowance() public {
    vm.prank(owner);
    token.mint(payer, MIN_STAKE);
    vm.prank(payer);
    token.approve(address(escrow), MIN_STAKE - 1);
    bytes memory consent = _consent(alice, withdrawer, address(rollupA), false);
    vm.prank(payer);
    vm.expectRevert(
      abi.encodeWithSelector(IStakingEscrow.StakingEscrow__InsufficientAllowance.selector, MIN_STAKE, MIN_STAKE - 1)
    );
    rollupA.deposit(alice, withdrawer, false, consent);
    _assertNothingStaked(alice);
    assertEq(token.balanceOf(payer), MIN_STAKE);
  }

  function test_deposit_againAfterFinalizedWithdraw() public {
    _deposit(rollupA, alice, false);
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    vm.warp(block.timestamp + EXIT_DELAY);
    escrow.finalizeWithdraw(alice);
    _deposit(rollupA, alice, true);
    assertEq(uint8(_status(alice)), uint8(Status.VALIDATING));
    assertEq(escrow.totalStaked(), MIN_STAKE);
    _assertSolvent();
  }

  function test_fuzz_deposit_pullsExactlyMinimumStake(uint256 extra, bool followCanonical) public {
    extra = bound(extra, 0, 1e30);
    vm.prank(owner);
    token.mint(payer, MIN_STAKE + extra);
    vm.prank(payer);
    token.approve(address(escrow), type(uint256).max);
    bytes memory consent = _consent(alice, withdrawer, address(rollupA), followCanonical);
    vm.prank(payer);
    rollupA.deposit(alice, withdrawer, followCanonical, consent);
    assertEq(token.balanceOf(payer), extra);
    assertEq(token.balanceOf(address(escrow)), MIN_STAKE);
    assertEq(escrow.getValidator(alice).stake, MIN_STAKE);
    _assertSolvent();
  }

  // ------------------------------------------------------------ addValidators

  function _list(uint256 count, bool followCanonical) internal returns (DepositArgs[] memory list) {
    list = new DepositArgs[](count);
    for (uint256 i = 0; i < count; ++i) {
      address a = _attester(i);
      list[i] = DepositArgs(
        a,
        withdrawer,
        followCanonical,
        _consent(a, withdrawer, escrow.getFollowersRollup(), followCanonical)
      );
    }
  }

  function test_addValidators_stakesEveryEntryFromCaller() public {
    address operator = _keyedAddr("operator");
    _fund(operator, 5);
    DepositArgs[] memory list = _list(5, true);
    list[2].followCanonical = false;
    list[2].signature = _consent(list[2].attester, withdrawer, address(rollupA), false); // consent to the change
    vm.prank(operator);
    escrow.addValidators(list);
    assertEq(_sizeNow(address(rollupA)), 5);
    assertEq(token.balanceOf(operator), 0);
    assertEq(escrow.totalStaked(), 5 * MIN_STAKE);
    assertEq(escrow.getValidator(_attester(2)).pinnedRollup, address(rollupA));
    assertEq(escrow.getValidator(_attester(3)).pinnedRollup, address(0));
    assertEq(escrow.getVotes(_attester(4)), MIN_STAKE);
    _assertSolvent();
  }

  function test_addValidators_pinnedEntriesGoToLatestRollup() public {
    vm.warp(START + 1);
    StakingTestRollup rollupB = _newRollup();
    address operator = _keyedAddr("operator");
    _fund(operator, 3);
    DepositArgs[] memory list = _list(3, false);
    vm.prank(operator);
    escrow.addValidators(list);
    assertEq(_sizeNow(address(rollupA)), 0);
    assertEq(_sizeNow(address(rollupB)), 3);
    assertEq(escrow.getValidator(_attester(0)).pinnedRollup, address(rollupB));
  }

  function test_addValidators_revertsOnEmptyList() public {
    vm.expectRevert(IStakingEscrow.StakingEscrow__EmptyList.selector);
    escrow.addValidators(new DepositArgs[](0));
  }

  function test_addValidators_revertsWithoutRollup() public {
    StakingEscrow bare = new StakingEscrow(token, registry, owner, MIN_STAKE, EJECTION, EXIT_DELAY);
    DepositArgs[] memory list = _list(1, true);
    vm.expectRevert(IStakingEscrow.StakingEscrow__NoRollup.selector);
    bare.addValidators(list);
    assertEq(bare.totalStaked(), 0);
  }

  function test_addValidators_revertsOnDuplicateInList() public {
    address operator = _keyedAddr("operator");
    _fund(operator, 3);
    DepositArgs[] memory list = _list(3, true);
    list[2].attester = list[0].attester;
    vm.prank(operator);
    vm.expectRevert(
      abi.encodeWithSelector(
        IStakingEscrow.StakingEscrow__AttesterAlreadyStaked.selector,
        list[0].attester,
        Status.VALIDATING
      )
    );
    escrow.addValidators(list);
    assertEq(_sizeNow(address(rollupA)), 0);
    assertEq(token.balanceOf(operator), 3 * MIN_STAKE);
  }

  function test_addValidators_revertsOnZeroAddressEntry() public {
    address operator = _keyedAddr("operator");
    _fund(operator, 2);
    DepositArgs[] memory list = _list(2, true);
    list[1].withdrawer = address(0);
    vm.prank(operator);
    vm.expectRevert(IStakingEscrow.StakingEscrow__ZeroAddress.selector);
    escrow.addValidators(list);
    assertEq(_sizeNow(address(rollupA)), 0);
    _assertNothingStaked(list[0].attester);
  }

  function test_addValidators_revertsOnShortAllowance() public {
    address operator = _keyedAddr("operator");
    _fund(operator, 2);
    DepositArgs[] memory list = _list(3, true);
    vm.prank(operator);
    vm.expectRevert(
      abi.encodeWithSelector(IStakingEscrow.StakingEscrow__InsufficientAllowance.selector, 3 * MIN_STAKE, 2 * MIN_STAKE)
    );
    escrow.addValidators(list);
    assertEq(_sizeNow(address(rollupA)), 0);
    assertEq(token.balanceOf(operator), 2 * MIN_STAKE);
  }

  function test_fuzz_addValidators_setGrowsByCount(uint8 count) public {
    count = uint8(bound(count, 1, 60));
    address operator = _keyedAddr("operator");
    _fund(operator, count);
    DepositArgs[] memory list = _list(count, true);
    vm.prank(operator);
    escrow.addValidators(list);
    assertEq(_sizeNow(address(rollupA)), count);
    assertEq(escrow.getAttesterAtIndex(address(rollupA), count - 1, block.timestamp), _attester(count - 1));
    assertEq(escrow.getPastTotalSupply(block.timestamp - 1), 0);
    _assertSolvent();
  }

  function _assertNothingStaked(address attester) internal view {
    assertEq(uint8(_status(attester)), uint8(Status.NONE));
    assertEq(escrow.totalStaked(), 0);
    assertEq(token.balanceOf(address(escrow)), 0);
    assertEq(_sizeNow(address(rollupA)), 0);
  }
}
