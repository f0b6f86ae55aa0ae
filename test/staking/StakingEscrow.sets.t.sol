// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingEscrowBase} from "./StakingEscrowBase.sol";
import {IStakingEscrow} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";

contract StakingEscrowSetsTest is StakingEscrowBase {
  function test_getSetSize_readsSizeAtPastTimestamps() public {
    _deposit(rollupA, _attester(0), false);
    vm.warp(START + 10);
    _deposit(rollupA, _attester(1), false);
    _deposit(rollupA, _attester(2), true);
    vm.warp(START + 20);
    vm.prank(withdrawer);
    escrow.initiateWithdraw(_attester(0), recipient);

    assertEq(escrow.getSetSize(address(rollupA), START - 1), 0);
    assertEq(escrow.getSetSize(address(rollupA), START), 1);
    assertEq(escrow.getSetSize(address(rollupA), START + 9), 1);
    assertEq(escrow.getSetSize(address(rollupA), START + 10), 3);
    assertEq(escrow.getSetSize(address(rollupA), START + 19), 3);
    assertEq(escrow.getSetSize(address(rollupA), START + 20), 2);
  }

  function test_getAttesterAtIndex_readsSnapshotAcrossSwapAndPop() public {
    for (uint256 i = 0; i < 4; ++i) _deposit(rollupA, _attester(i), false);
    vm.warp(START + 10);
    vm.prank(withdrawer);
    escrow.initiateWithdraw(_attester(1), recipient); // attester 3 moves into index 1

    for (uint256 i = 0; i < 4; ++i) {
      assertEq(escrow.getAttesterAtIndex(address(rollupA), i, START + 9), _attester(i));
    }
    assertEq(escrow.getAttesterAtIndex(address(rollupA), 0, START + 10), _attester(0));
    assertEq(escrow.getAttesterAtIndex(address(rollupA), 1, START + 10), _attester(3));
    assertEq(escrow.getAttesterAtIndex(address(rollupA), 2, START + 10), _attester(2));
  }

  function test_getAttesterAtIndex_sameBlockChangesCollapse() public {
    _deposit(rollupA, _attester(0), false);
    vm.warp(START + 5);
    _deposit(rollupA, _attester(1), false);
    vm.prank(withdrawer);
    escrow.initiateWithdraw(_attester(0), recipient); // same block: index 0 now holds attester 1
    assertEq(escrow.getAttesterAtIndex(address(rollupA), 0, START + 4), _attester(0));
    assertEq(escrow.getSetSize(address(rollupA), START + 4), 1);
    assertEq(escrow.getAttesterAtIndex(address(rollupA), 0, START + 5), _attester(1));
    assertEq(escrow.getSetSize(address(rollupA), START + 5), 1);
  }

  function test_getAttesterAtIndex_revertsOutOfBounds() public {
    _deposit(rollupA, _attester(0), false);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__IndexOutOfBounds.selector, 1, 1));
    escrow.getAttesterAtIndex(address(rollupA), 1, block.timestamp);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__IndexOutOfBounds.selector, 0, 0));
    escrow.getAttesterAtIndex(address(rollupA), 0, START - 1);
  }

  function test_getAttesterAtIndex_revertsOnFutureTimestamp() public {
    _deposit(rollupA, _attester(0), false);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__FutureLookup.selector, START + 1, START));
    escrow.getAttesterAtIndex(address(rollupA), 0, START + 1);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__FutureLookup.selector, START + 1, START));
    escrow.getSetSize(address(rollupA), START + 1);
  }

  function test_getAttestersAtIndices_matchesSingleReads() public {
    for (uint256 i = 0; i < 5; ++i) _deposit(rollupA, _attester(i), i % 2 == 0);
    uint256[] memory indices = new uint256[](3);
    indices[0] = 4;
    indices[1] = 0;
    indices[2] = 2;
    address[] memory got = escrow.getAttestersAtIndices(address(rollupA), indices, block.timestamp);
    assertEq(got.length, 3);
    for (uint256 i = 0; i < 3; ++i) {
      assertEq(got[i], escrow.getAttesterAtIndex(address(rollupA), indices[i], block.timestamp));
    }
    indices[1] = 5;
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__IndexOutOfBounds.selector, 5, 5));
    escrow.getAttestersAtIndices(address(rollupA), indices, block.timestamp);
  }

  function test_getSetSize_pinnedFirstThenFollowersOfCanonical() public {
    _deposit(rollupA, _attester(0), true);
    _deposit(rollupA, _attester(1), false);
    // index 0 is the pinned validator, followers come after
    assertEq(escrow.getAttesterAtIndex(address(rollupA), 0, block.timestamp), _attester(1));
    assertEq(escrow.getAttesterAtIndex(address(rollupA), 1, block.timestamp), _attester(0));

    vm.warp(START + 100);
    StakingTestRollup rollupB = _newRollup();
    // followers serve B from now on; A keeps its pinned validator; the past is unchanged
    assertEq(escrow.getSetSize(address(rollupA), START + 99), 2);
    assertEq(escrow.getSetSize(address(rollupB), START + 99), 0);
    assertEq(escrow.getSetSize(address(rollupA), START + 100), 1);
    assertEq(escrow.getSetSize(address(rollupB), START + 100), 1);
    assertEq(escrow.getAttesterAtIndex(address(rollupB), 0, block.timestamp), _attester(0));
    assertEq(escrow.getEffectiveRollup(_attester(0)), address(rollupB));
    assertEq(escrow.getFollowersRollup(), address(rollupB));
    assertEq(escrow.getFollowersRollupAt(START + 99), address(rollupA));
    assertEq(escrow.getSetSize(address(0), block.timestamp), 0);
  }

  /// @dev Random adds/removes over time, checked index by index against an in-memory swap-and-pop model
  ///      at every past step.
  function test_fuzz_getAttesterAtIndex_matchesModelAtEveryPastStep(uint256 seed) public {
    uint256 steps = 24;
    address[][] memory snapshots = new address[][](steps);
    address[] memory model = new address[](steps);
    uint256 size;
    uint256 next;
    for (uint256 step = 0; step < steps; ++step) {
      vm.warp(START + 1 + step * 12);
      uint256 r = uint256(keccak256(abi.encode(seed, step)));
      if (size == 0 || r % 3 != 0) {
        address attester = _attester(next++);
        _deposit(rollupA, attester, false);
        model[size++] = attester;
      } else {
        uint256 index = (r >> 8) % size;
        vm.prank(withdrawer);
        escrow.initiateWithdraw(model[index], recipient);
        model[index] = model[size - 1];
        --size;
      }
      snapshots[step] = new address[](size);
      for (uint256 i = 0; i < size; ++i) snapshots[step][i] = model[i];
    }
    vm.warp(block.timestamp + 1000);
    for (uint256 step = 0; step < steps; ++step) {
      uint256 at = START + 1 + step * 12;
      address[] memory expected = snapshots[step];
      assertEq(escrow.getSetSize(address(rollupA), at), expected.length);
      for (uint256 i = 0; i < expected.length; ++i) {
        assertEq(escrow.getAttesterAtIndex(address(rollupA), i, at), expected[i]);
      }
    }
  }
}
