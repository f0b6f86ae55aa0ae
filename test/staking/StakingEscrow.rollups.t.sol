// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {StakingEscrowBase} from "./StakingEscrowBase.sol";
import {IStakingEscrow, Status} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {IRegistry} from "../../contracts/governance/interfaces/IRegistry.sol";
import {StakingEscrow} from "../../contracts/staking/StakingEscrow.sol";
import {Registry} from "../../contracts/governance/Registry.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";

/// @notice addRollup (the hard fork's escrow step) and migrate (pinned validators moving themselves).
contract StakingEscrowRollupsTest is StakingEscrowBase {
  address internal alice = _keyedAddr("alice");
  address internal bob = _keyedAddr("bob");
  StakingTestRollup internal rollupB;

  function setUp() public override {
    super.setUp();
    _deposit(rollupA, alice, false);
    _deposit(rollupA, bob, true);
    vm.warp(START + 100);
    rollupB = _newRollup();
  }

  // ------------------------------------------------------------ addRollup

  function test_addRollup_movesFollowersWithoutTheirTransaction() public view {
    assertTrue(escrow.isRollup(address(rollupB)));
    assertEq(escrow.getEffectiveRollup(bob), address(rollupB));
    assertEq(escrow.getEffectiveRollup(alice), address(rollupA));
    assertEq(escrow.getSetSize(address(rollupB), START + 100), 1);
    assertEq(escrow.getSetSize(address(rollupA), START + 100), 1);
    assertEq(escrow.getSetSize(address(rollupA), START + 99), 2);
  }

  function test_addRollup_emitsRollupAdded() public {
    vm.warp(START + 200);
    StakingTestRollup rollupC = new StakingTestRollup(escrow, slasher);
    vm.prank(owner);
    registry.addRollup(address(rollupC));
    vm.expectEmit(address(escrow));
    emit IStakingEscrow.RollupAdded(address(rollupC), START + 200);
    vm.prank(owner);
    escrow.addRollup(address(rollupC));
    assertEq(escrow.getFollowersRollup(), address(rollupC));
  }

  function test_addRollup_revertsForNonOwner() public {
    StakingTestRollup rollupC = _registerOnly();
    vm.prank(alice);
    vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
    escrow.addRollup(address(rollupC));
    _assertFollowersStayOnB(rollupC);
  }

  function test_addRollup_revertsWhenNotCanonical() public {
    StakingTestRollup rollupC = new StakingTestRollup(escrow, slasher);
    vm.prank(owner);
    vm.expectRevert(
      abi.encodeWithSelector(IStakingEscrow.StakingEscrow__NotCanonical.selector, address(rollupB), address(rollupC))
    );
    escrow.addRollup(address(rollupC));
    _assertFollowersStayOnB(rollupC);
  }

  function test_addRollup_revertsOnDuplicate() public {
    vm.prank(owner);
    vm.expectRevert(
      abi.encodeWithSelector(IStakingEscrow.StakingEscrow__RollupAlreadyAdded.selector, address(rollupB))
    );
    escrow.addRollup(address(rollupB));
    assertEq(escrow.getFollowersRollup(), address(rollupB));
  }

  function test_addRollup_revertsOnZeroAddress() public {
    vm.prank(owner);
    vm.expectRevert(IStakingEscrow.StakingEscrow__ZeroAddress.selector);
    escrow.addRollup(address(0));
    assertEq(escrow.getFollowersRollup(), address(rollupB));
  }

  function test_addRollup_revertsWhenRegistryEmpty() public {
    StakingEscrow bare = new StakingEscrow(token, new Registry(owner), owner, MIN_STAKE, EJECTION, EXIT_DELAY);
    vm.prank(owner);
    vm.expectRevert(IRegistry.Registry__NoRollup.selector);
    bare.addRollup(address(rollupA));
    assertFalse(bare.isRollup(address(rollupA)));
  }

  // ------------------------------------------------------------ migrate

  function test_migrate_movesPinnedValidatorAtomically() public {
    vm.warp(START + 200);
    vm.expectEmit(address(escrow));
    emit IStakingEscrow.Migrated(alice, address(rollupA), address(rollupB));
    vm.prank(withdrawer);
    escrow.migrate(alice, address(rollupB));
    assertEq(escrow.getEffectiveRollup(alice), address(rollupB));
    assertEq(escrow.getValidator(alice).pinnedRollup, address(rollupB));
    assertEq(escrow.getValidator(alice).stake, MIN_STAKE);
    assertEq(escrow.getSetSize(address(rollupA), START + 200), 0);
    assertEq(escrow.getSetSize(address(rollupB), START + 200), 2);
    assertEq(escrow.getSetSize(address(rollupA), START + 199), 1);
    assertEq(escrow.getSetSize(address(rollupB), START + 199), 1);
    assertFalse(_inSet(address(rollupA), alice));
    assertTrue(_inSet(address(rollupB), alice));
    _assertSolvent();
  }

  function test_migrate_followerBecomesPinned() public {
    vm.prank(withdrawer);
    escrow.migrate(bob, address(rollupA));
    assertFalse(escrow.getValidator(bob).followCanonical);
    assertEq(escrow.getEffectiveRollup(bob), address(rollupA));
    assertEq(_sizeNow(address(rollupA)), 2);
    assertEq(_sizeNow(address(rollupB)), 0);
  }

  function test_migrate_revertsForNonWithdrawer() public {
    vm.prank(alice);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__NotWithdrawer.selector, withdrawer, alice));
    escrow.migrate(alice, address(rollupB));
    _assertAliceOnA();
  }

  function test_migrate_revertsForUnregisteredRollup() public {
    address stranger = _keyedAddr("stranger");
    vm.prank(withdrawer);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__UnregisteredRollup.selector, stranger));
    escrow.migrate(alice, stranger);
    _assertAliceOnA();
  }

  function test_migrate_revertsForSameRollup() public {
    vm.prank(withdrawer);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__SameRollup.selector, address(rollupA)));
    escrow.migrate(alice, address(rollupA));
    _assertAliceOnA();
  }

  function test_migrate_revertsWhenNotValidating() public {
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    vm.prank(withdrawer);
    vm.expectRevert(
      abi.encodeWithSelector(
        IStakingEscrow.StakingEscrow__InvalidStatus.selector,
        alice,
        Status.VALIDATING,
        Status.EXITING
      )
    );
    escrow.migrate(alice, address(rollupB));
    assertEq(_sizeNow(address(rollupB)), 1);
    assertEq(uint8(_status(alice)), uint8(Status.EXITING));
  }

  function test_migrate_revertsForUnknownAttester() public {
    address carol = _keyedAddr("carol");
    vm.prank(withdrawer);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__UnknownAttester.selector, carol));
    escrow.migrate(carol, address(rollupB));
    assertEq(_sizeNow(address(rollupB)), 1);
  }

  function test_fuzz_migrate_neverInTwoSetsAndKeepsStake(uint8 hops) public {
    hops = uint8(bound(hops, 1, 12));
    address[2] memory rollups = [address(rollupA), address(rollupB)];
    for (uint256 i = 0; i < hops; ++i) {
      vm.warp(block.timestamp + EXIT_DELAY); // one migration per exit delay (audit F-2)
      address target = rollups[(i + 1) % 2];
      vm.prank(withdrawer);
      escrow.migrate(alice, target);
      assertTrue(_inSet(target, alice));
      assertFalse(_inSet(rollups[i % 2], alice));
      assertEq(escrow.getValidator(alice).stake, MIN_STAKE);
    }
    assertEq(_sizeNow(address(rollupA)) + _sizeNow(address(rollupB)), 2);
    _assertSolvent();
  }

  function _registerOnly() internal returns (StakingTestRollup rollupC) {
    rollupC = new StakingTestRollup(escrow, slasher);
    vm.prank(owner);
    registry.addRollup(address(rollupC));
  }

  function _assertFollowersStayOnB(StakingTestRollup rollupC) internal view {
    assertFalse(escrow.isRollup(address(rollupC)));
    assertEq(escrow.getFollowersRollup(), address(rollupB));
    assertEq(escrow.getEffectiveRollup(bob), address(rollupB));
  }

  function _assertAliceOnA() internal view {
    assertEq(escrow.getEffectiveRollup(alice), address(rollupA));
    assertEq(_sizeNow(address(rollupA)), 1);
    assertEq(_sizeNow(address(rollupB)), 1);
  }
}
