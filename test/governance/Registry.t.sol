// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Registry} from "../../contracts/governance/Registry.sol";
import {IRegistry} from "../../contracts/governance/interfaces/IRegistry.sol";

contract RegistryTest is Test {
  address internal owner = makeAddr("owner");
  address internal rollupA = makeAddr("rollupA");
  address internal rollupB = makeAddr("rollupB");
  Registry internal registry;

  function setUp() public {
    vm.warp(1_700_000_000);
    registry = new Registry(owner);
  }

  function _add(address rollup) internal returns (uint256) {
    vm.prank(owner);
    return registry.addRollup(rollup);
  }

  function test_addRollup_appendsAndMakesCanonical() public {
    vm.expectEmit(address(registry));
    emit IRegistry.CanonicalRollupUpdated(rollupA, 0);
    assertEq(_add(rollupA), 0);
    assertEq(registry.getCanonicalRollup(), rollupA);

    vm.warp(block.timestamp + 100);
    vm.expectEmit(address(registry));
    emit IRegistry.CanonicalRollupUpdated(rollupB, 1);
    assertEq(_add(rollupB), 1);

    assertEq(registry.numberOfVersions(), 2);
    assertEq(registry.getCanonicalRollup(), rollupB);
    assertEq(registry.getRollup(0), rollupA);
    assertEq(registry.getRollup(1), rollupB);
    assertEq(registry.getVersionOf(rollupA), 0);
    assertEq(registry.getVersionOf(rollupB), 1);
    assertTrue(registry.isRegistered(rollupA));
    assertFalse(registry.isRegistered(makeAddr("other")));
  }

  function test_getCanonicalRollupAt_readsHistory() public {
    uint256 t0 = block.timestamp;
    _add(rollupA);
    vm.warp(t0 + 100);
    _add(rollupB);
    assertEq(registry.getCanonicalRollupAt(t0 - 1), address(0));
    assertEq(registry.getCanonicalRollupAt(t0), rollupA);
    assertEq(registry.getCanonicalRollupAt(t0 + 99), rollupA);
    assertEq(registry.getCanonicalRollupAt(t0 + 100), rollupB);
    assertEq(registry.getCanonicalRollupAt(t0 + 10_000), rollupB);
  }

  function test_addRollup_revertsForNonOwner() public {
    vm.prank(rollupA);
    vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, rollupA));
    registry.addRollup(rollupA);
    assertEq(registry.numberOfVersions(), 0);
  }

  function test_addRollup_revertsOnZeroAddress() public {
    vm.prank(owner);
    vm.expectRevert(IRegistry.Registry__ZeroAddress.selector);
    registry.addRollup(address(0));
    assertEq(registry.numberOfVersions(), 0);
  }

  function test_addRollup_revertsOnDuplicate() public {
    _add(rollupA);
    _add(rollupB);
    vm.prank(owner);
    vm.expectRevert(abi.encodeWithSelector(IRegistry.Registry__RollupAlreadyRegistered.selector, rollupA));
    registry.addRollup(rollupA);
    assertEq(registry.numberOfVersions(), 2);
    assertEq(registry.getCanonicalRollup(), rollupB);
  }

  function test_getCanonicalRollup_revertsWhenEmpty() public {
    vm.expectRevert(IRegistry.Registry__NoRollup.selector);
    registry.getCanonicalRollup();
  }

  function test_getRollup_revertsOnUnknownVersion() public {
    _add(rollupA);
    vm.expectRevert(abi.encodeWithSelector(IRegistry.Registry__UnknownVersion.selector, 1, 1));
    registry.getRollup(1);
  }

  function test_getVersionOf_revertsOnUnknownRollup() public {
    vm.expectRevert(abi.encodeWithSelector(IRegistry.Registry__UnknownRollup.selector, rollupA));
    registry.getVersionOf(rollupA);
  }

  function test_fuzz_addRollup_versionsAreAppendOnly(uint8 count) public {
    count = uint8(bound(count, 1, 40));
    for (uint256 i = 0; i < count; ++i) {
      address rollup = address(uint160(0x1000 + i));
      vm.warp(block.timestamp + 1);
      assertEq(_add(rollup), i);
      assertEq(registry.getCanonicalRollupAt(block.timestamp), rollup);
    }
    assertEq(registry.numberOfVersions(), count);
    for (uint256 i = 0; i < count; ++i) {
      assertEq(registry.getRollup(i), address(uint160(0x1000 + i)));
      assertEq(registry.getVersionOf(address(uint160(0x1000 + i))), i);
    }
  }
}
