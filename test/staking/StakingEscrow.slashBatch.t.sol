// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingEscrowBase} from "./StakingEscrowBase.sol";
import {IStakingEscrow} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";

/// @notice `slashBatch` does what `slash` does entry by entry (one supply checkpoint, one transfer) and skips the
///         entries the caller may not slash.
contract StakingEscrowSlashBatchTest is StakingEscrowBase {
  uint256 internal constant N = 5;
  address[] internal attesters;

  function setUp() public override {
    super.setUp();
    for (uint256 i = 0; i < N; ++i) {
      address attester = _attester(i);
      _deposit(rollupA, attester, i % 2 == 0); // followers and pinned
      attesters.push(attester);
    }
    vm.warp(block.timestamp + 1);
  }

  function test_fuzz_slashBatch_equalsSlashOneByOne(uint256[N] memory raw, uint8 repeat) public {
    address[] memory list = new address[](N + 1);
    uint256[] memory amounts = new uint256[](N + 1);
    for (uint256 i = 0; i < N; ++i) {
      list[i] = attesters[i];
      amounts[i] = bound(raw[i], 1, MIN_STAKE + 1);
    }
    list[N] = attesters[repeat % N]; // an attester twice in one list
    amounts[N] = 1e18;

    uint256 snapshot = vm.snapshotState();
    vm.startPrank(slasher);
    for (uint256 i = 0; i <= N; ++i) escrow.slash(list[i], amounts[i]);
    vm.stopPrank();
    uint256[] memory expected = _state();
    uint256 paid = token.balanceOf(slasher);
    vm.revertToState(snapshot);

    vm.prank(slasher);
    (uint256 total, bool[] memory skipped) = escrow.slashBatch(list, amounts);
    assertEq(total, paid);
    assertEq(token.balanceOf(slasher), paid);
    for (uint256 i = 0; i <= N; ++i) assertFalse(skipped[i]);
    uint256[] memory actual = _state();
    for (uint256 i = 0; i < actual.length; ++i) assertEq(actual[i], expected[i]);
    vm.warp(block.timestamp + 1);
    assertEq(escrow.getPastTotalSupply(block.timestamp - 1), escrow.totalStaked());
    for (uint256 i = 0; i < N; ++i) {
      assertEq(escrow.getPastVotes(attesters[i], block.timestamp - 1), expected[4 * i + 2]);
      assertEq(escrow.getPastVotes(attesters[i], block.timestamp - 2), MIN_STAKE);
    }
    _assertSolvent();
  }

  function test_slashBatch_skipsUnknownAndUnauthorized() public {
    StakingTestRollup rollupB = new StakingTestRollup(escrow, makeAddr("otherSlasher"));
    vm.startPrank(owner);
    registry.addRollup(address(rollupB));
    escrow.addRollup(address(rollupB));
    vm.stopPrank();
    // attesters[1] is pinned to rollupA: its slasher may slash it. attesters[0] followed A, now B's canonical:
    // A's slasher keeps authority for the exit delay (audit F-2); after it, the entry is skipped.
    vm.warp(block.timestamp + EXIT_DELAY + 1);
    address[] memory list = new address[](3);
    uint256[] memory amounts = new uint256[](3);
    (list[0], list[1], list[2]) = (attesters[0], attesters[1], _keyedAddr("nobody"));
    (amounts[0], amounts[1], amounts[2]) = (1e18, 2e18, 3e18);
    vm.prank(slasher);
    (uint256 total, bool[] memory skipped) = escrow.slashBatch(list, amounts);
    assertEq(total, 2e18);
    assertTrue(skipped[0]);
    assertFalse(skipped[1]);
    assertTrue(skipped[2]);
    assertEq(escrow.getValidator(attesters[0]).stake, MIN_STAKE);
    assertEq(escrow.getValidator(attesters[1]).stake, MIN_STAKE - 2e18);
    assertEq(token.balanceOf(slasher), 2e18);
    _assertSolvent();
  }

  function test_slashBatch_revertsOnLengthMismatch() public {
    vm.prank(slasher);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__LengthMismatch.selector, 5, 1));
    escrow.slashBatch(attesters, new uint256[](1));
  }

  function test_slashBatch_revertsOnZeroAmount() public {
    vm.prank(slasher);
    vm.expectRevert(IStakingEscrow.StakingEscrow__ZeroAmount.selector);
    escrow.slashBatch(attesters, new uint256[](N));
    assertEq(escrow.totalStaked(), N * MIN_STAKE);
  }

  /// @dev Per attester: stake, status, votes, set membership (of rollupA); then the set size and voting supply.
  function _state() internal view returns (uint256[] memory state) {
    state = new uint256[](4 * N + 2);
    for (uint256 i = 0; i < N; ++i) {
      address a = attesters[i];
      state[4 * i] = escrow.getValidator(a).stake;
      state[4 * i + 1] = uint8(_status(a));
      state[4 * i + 2] = escrow.getVotes(a);
      state[4 * i + 3] = _inSet(address(rollupA), a) ? 1 : 0;
    }
    state[4 * N] = _sizeNow(address(rollupA));
    state[4 * N + 1] = escrow.totalStaked();
  }
}
