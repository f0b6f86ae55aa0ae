// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Slot, Epoch} from "../../contracts/core/libraries/TimeLib.sol";

/// The comparison operators of the Slot and Epoch value types agree with those of their integers.
contract TimeTypesTest is Test {
  function test_fuzz_slotOperators_matchIntegers(uint256 a, uint256 b) public pure {
    (Slot x, Slot y) = (Slot.wrap(a), Slot.wrap(b));
    assertEq(x == y, a == b);
    assertEq(x != y, a != b);
    assertEq(x < y, a < b);
    assertEq(x <= y, a <= b);
    assertEq(x > y, a > b);
    assertEq(x >= y, a >= b);
  }

  function test_fuzz_epochOperators_matchIntegers(uint256 a, uint256 b) public pure {
    (Epoch x, Epoch y) = (Epoch.wrap(a), Epoch.wrap(b));
    assertEq(x == y, a == b);
    assertEq(x != y, a != b);
    assertEq(x < y, a < b);
    assertEq(x <= y, a <= b);
    assertEq(x > y, a > b);
    assertEq(x >= y, a >= b);
  }

  function test_slotOperators_equalValuesAtBoundary() public pure {
    assertTrue(Slot.wrap(7) <= Slot.wrap(7));
    assertTrue(Slot.wrap(7) >= Slot.wrap(7));
    assertFalse(Slot.wrap(7) < Slot.wrap(7));
    assertTrue(Epoch.wrap(0) < Epoch.wrap(1));
  }
}
