// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {TimeLib} from "../../contracts/core/libraries/TimeLib.sol";
import {TimeLibHarness} from "../../contracts/mocks/TimeLibHarness.sol";

contract TimeLibTest is Test {
  uint64 internal constant GENESIS = 1_700_000_000;
  uint32 internal constant SLOT = 36;
  uint32 internal constant EPOCH = 32;

  TimeLibHarness internal time;

  function setUp() public {
    time = new TimeLibHarness(GENESIS, SLOT, EPOCH);
  }

  function test_slotAt_genesisIsSlotZero() public view {
    assertEq(time.slotAt(GENESIS), 0);
    assertEq(time.epochAt(GENESIS), 0);
  }

  function test_slotAt_firstAndLastSecondOfSlot() public view {
    assertEq(time.slotAt(GENESIS + SLOT - 1), 0, "last second of slot 0");
    assertEq(time.slotAt(GENESIS + SLOT), 1, "first second of slot 1");
    assertEq(time.slotAt(GENESIS + 2 * SLOT - 1), 1, "last second of slot 1");
  }

  function test_epochAt_epochEdges() public view {
    uint256 epochSeconds = uint256(SLOT) * EPOCH;
    assertEq(time.epochAt(GENESIS + epochSeconds - 1), 0, "last second of epoch 0");
    assertEq(time.epochAt(GENESIS + epochSeconds), 1, "first second of epoch 1");
    assertEq(time.epochOf(EPOCH - 1), 0, "last slot of epoch 0");
    assertEq(time.epochOf(EPOCH), 1, "first slot of epoch 1");
    assertEq(time.epochStart(1), GENESIS + epochSeconds);
    assertEq(time.epochEnd(0), GENESIS + epochSeconds);
  }

  function test_slotAt_revertsBeforeGenesis() public {
    vm.expectRevert(abi.encodeWithSelector(TimeLib.TimeLib__BeforeGenesis.selector, GENESIS, GENESIS - 1));
    time.slotAt(GENESIS - 1);
  }

  function test_epochAt_revertsBeforeGenesis() public {
    vm.expectRevert(abi.encodeWithSelector(TimeLib.TimeLib__BeforeGenesis.selector, GENESIS, 0));
    time.epochAt(0);
  }

  function test_constructor_revertsOnZeroSlotDuration() public {
    vm.expectRevert(abi.encodeWithSelector(TimeLib.TimeLib__ZeroDuration.selector, 0, EPOCH));
    new TimeLibHarness(GENESIS, 0, EPOCH);
  }

  function test_constructor_revertsOnZeroEpochDuration() public {
    vm.expectRevert(abi.encodeWithSelector(TimeLib.TimeLib__ZeroDuration.selector, SLOT, 0));
    new TimeLibHarness(GENESIS, SLOT, 0);
  }

  /// Every second of a slot maps back to it, and the slot's start is the first such second.
  function test_fuzz_slotAt_roundTripsWithSlotStart(uint64 genesis, uint32 slotDuration, uint32 offset) public {
    slotDuration = uint32(bound(slotDuration, 1, 3600));
    TimeLibHarness t = new TimeLibHarness(genesis, slotDuration, EPOCH);
    uint256 ts = uint256(genesis) + offset;
    uint256 slot = t.slotAt(ts);
    uint256 start = t.slotStart(slot);
    assertLe(start, ts);
    assertLt(ts, start + slotDuration);
    assertEq(t.slotAt(start), slot);
    if (start > genesis) assertEq(t.slotAt(start - 1), slot - 1);
  }

  /// An epoch holds exactly `epochDuration` slots and the epoch of a timestamp is that of its slot.
  function test_fuzz_epochAt_isSlotDividedByEpochDuration(uint32 epochDuration, uint32 offset) public {
    epochDuration = uint32(bound(epochDuration, 1, 1024));
    TimeLibHarness t = new TimeLibHarness(GENESIS, SLOT, epochDuration);
    uint256 ts = uint256(GENESIS) + offset;
    uint256 epoch = t.epochAt(ts);
    assertEq(epoch, t.slotAt(ts) / epochDuration);
    assertLe(t.epochStart(epoch), ts);
    assertLt(ts, t.epochEnd(epoch));
    assertEq(t.epochEnd(epoch) - t.epochStart(epoch), uint256(SLOT) * epochDuration);
  }

  function test_fuzz_slotAt_revertsForAnyTimeBeforeGenesis(uint64 genesis, uint64 before) public {
    vm.assume(genesis > 0);
    uint256 ts = bound(before, 0, uint256(genesis) - 1);
    TimeLibHarness t = new TimeLibHarness(genesis, SLOT, EPOCH);
    vm.expectRevert(abi.encodeWithSelector(TimeLib.TimeLib__BeforeGenesis.selector, genesis, ts));
    t.slotAt(ts);
  }
}
