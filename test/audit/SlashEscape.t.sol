// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingEscrowBase} from "../staking/StakingEscrowBase.sol";
import {IStakingEscrow, Status} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";

/// @notice Audit F-2 (a validator escaped a slash by migrating; a hard fork did the same for every follower),
///         adapted from shared/audit: a rollup's slasher keeps authority for the exit delay after an attester left
///         it by `migrate` or by a hard fork, and a second migration inside that delay is refused.
contract SlashEscapeTest is StakingEscrowBase {
  address internal alice = _keyedAddr("alice");
  address internal slasherB = _keyedAddr("slasherB");
  StakingTestRollup internal rollupB;

  /// @dev rollupA (old, slasher `slasher`) and rollupB (canonical after the hard fork, slasher `slasherB`).
  function _hardFork() internal {
    rollupB = new StakingTestRollup(escrow, slasherB);
    vm.startPrank(owner);
    registry.addRollup(address(rollupB));
    escrow.addRollup(address(rollupB));
    vm.stopPrank();
  }

  function test_property_canonicalSlasherCanStillSlashAfterMigrate() public {
    vm.warp(START + 100);
    _hardFork();
    _deposit(rollupB, alice, true);
    vm.prank(withdrawer);
    escrow.migrate(alice, address(rollupA));
    vm.prank(slasherB);
    escrow.slash(alice, 50e18);
    assertEq(escrow.getValidator(alice).stake, MIN_STAKE - 50e18);
    _assertSolvent();
  }

  /// The reproduction's exploit, now refused: migrating away does not end B's authority while B still samples her.
  function test_audit_migrateToOldRollupEscapesCanonicalSlasher_refused() public {
    vm.warp(START + 100);
    _hardFork();
    _deposit(rollupB, alice, true);
    uint256 depositedAt = block.timestamp;
    vm.warp(block.timestamp + 10);
    vm.prank(withdrawer);
    escrow.migrate(alice, address(rollupA));
    assertEq(escrow.getAttesterAtIndex(address(rollupB), 0, depositedAt), alice, "B's lagged snapshots hold her");
    assertTrue(escrow.canSlash(alice, slasherB));
    assertTrue(escrow.canSlash(alice, slasher), "her new rollup's slasher too");
    vm.prank(slasherB);
    escrow.slash(alice, 50e18);
    assertEq(escrow.getValidator(alice).stake, MIN_STAKE - 50e18);
  }

  /// B's authority ends exactly after the exit delay, and nobody else gains any.
  function test_migratedFromSlasherAuthorityEndsAfterExitDelay() public {
    vm.warp(START + 100);
    _hardFork();
    _deposit(rollupB, alice, true);
    vm.prank(withdrawer);
    escrow.migrate(alice, address(rollupA));
    uint256 migratedAt = block.timestamp;
    vm.warp(migratedAt + EXIT_DELAY - 1);
    assertTrue(escrow.canSlash(alice, slasherB));
    assertFalse(escrow.canSlash(alice, _keyedAddr("stranger")));
    vm.warp(migratedAt + EXIT_DELAY);
    assertFalse(escrow.canSlash(alice, slasherB));
    vm.prank(slasherB);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__NotSlasher.selector, slasher, slasherB));
    escrow.slash(alice, 1e18);
    assertEq(escrow.getValidator(alice).stake, MIN_STAKE, "unchanged");
  }

  /// Migrating twice in a row would overwrite the first rollup's authority: the second migration waits.
  function test_secondMigrationInsideTheDelayIsRefused() public {
    vm.warp(START + 100);
    _hardFork();
    _deposit(rollupB, alice, true);
    vm.prank(withdrawer);
    escrow.migrate(alice, address(rollupA));
    uint256 until = block.timestamp + EXIT_DELAY;
    vm.prank(withdrawer);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__MigrationPending.selector, until));
    escrow.migrate(alice, address(rollupB));
    assertEq(escrow.getEffectiveRollup(alice), address(rollupA), "unchanged");
    vm.warp(until);
    vm.prank(withdrawer);
    escrow.migrate(alice, address(rollupB));
    assertEq(escrow.getEffectiveRollup(alice), address(rollupB));
  }

  /// The hard fork no longer takes followers away from the old rollup's slasher while A still samples them.
  function test_audit_hardForkRemovesOldSlasherForFollowers_refused() public {
    _deposit(rollupA, alice, true);
    uint256 before = block.timestamp;
    vm.warp(START + 100);
    _hardFork();
    assertEq(escrow.getAttesterAtIndex(address(rollupA), 0, before), alice);
    vm.prank(slasher);
    escrow.slash(alice, 1e18);
    assertEq(escrow.getValidator(alice).stake, MIN_STAKE - 1e18);
    assertTrue(escrow.canSlash(alice, slasherB), "the new canonical rollup's slasher too");
  }

  /// Exiting right after the hard fork does not escape the old rollup's slasher either.
  function test_hardForkThenExitStillSlashableByOldRollup() public {
    _deposit(rollupA, alice, true);
    vm.warp(START + 100);
    _hardFork();
    vm.prank(withdrawer);
    escrow.initiateWithdraw(alice, recipient);
    vm.warp(block.timestamp + EXIT_DELAY - 1);
    vm.prank(slasher);
    escrow.slash(alice, 1e18);
    assertEq(escrow.getValidator(alice).stake, MIN_STAKE - 1e18);
  }

  /// After the window, the old rollup's slasher has no authority over followers; one who joined after the fork
  /// never served the old rollup and was never its to slash.
  function test_hardForkAuthorityEndsAfterExitDelayAndSkipsLaterFollowers() public {
    _deposit(rollupA, alice, true);
    vm.warp(START + 100);
    _hardFork();
    address bob = _keyedAddr("bob");
    vm.warp(block.timestamp + 1);
    _deposit(rollupB, bob, true);
    assertFalse(escrow.canSlash(bob, slasher), "bob never served A");
    assertTrue(escrow.canSlash(alice, slasher));
    vm.warp(START + 100 + EXIT_DELAY + 1);
    assertFalse(escrow.canSlash(alice, slasher));
    vm.prank(slasher);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__NotSlasher.selector, slasherB, slasher));
    escrow.slash(alice, 1e18);
    assertEq(uint8(_status(alice)), uint8(Status.VALIDATING));
  }
}
