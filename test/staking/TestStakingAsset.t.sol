// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TestStakingAsset} from "../../contracts/staking/TestStakingAsset.sol";
import {ITestStakingAsset} from "../../contracts/staking/interfaces/ITestStakingAsset.sol";

contract TestStakingAssetTest is Test {
  uint256 internal constant DRIP = 100e18;
  uint256 internal constant COOLDOWN = 1 days;

  address internal owner = makeAddr("owner");
  address internal alice = makeAddr("alice");
  TestStakingAsset internal token;

  function setUp() public {
    vm.warp(1_700_000_000);
    token = new TestStakingAsset("Staking", "STK", owner, DRIP, COOLDOWN);
  }

  function test_mint_byOwner() public {
    vm.prank(owner);
    token.mint(alice, 5e18);
    assertEq(token.balanceOf(alice), 5e18);
  }

  function test_mint_revertsForNonOwner() public {
    vm.prank(alice);
    vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
    token.mint(alice, 1);
    assertEq(token.totalSupply(), 0);
  }

  function test_mint_revertsOnZeroAddress() public {
    vm.prank(owner);
    vm.expectRevert(ITestStakingAsset.TestStakingAsset__ZeroAddress.selector);
    token.mint(address(0), 1);
    assertEq(token.totalSupply(), 0);
  }

  function test_mint_revertsOnZeroAmount() public {
    vm.prank(owner);
    vm.expectRevert(ITestStakingAsset.TestStakingAsset__ZeroAmount.selector);
    token.mint(alice, 0);
    assertEq(token.totalSupply(), 0);
  }

  function test_faucet_paysAmountAndStartsCooldown() public {
    vm.prank(alice);
    vm.expectEmit(address(token));
    emit ITestStakingAsset.FaucetDrip(alice, DRIP, block.timestamp + COOLDOWN);
    token.faucet();
    assertEq(token.balanceOf(alice), DRIP);
    assertEq(token.nextFaucetAt(alice), block.timestamp + COOLDOWN);
  }

  function test_faucet_revertsInsideCooldownAndChangesNothing() public {
    vm.prank(alice);
    token.faucet();
    uint256 allowedAt = block.timestamp + COOLDOWN;
    vm.warp(allowedAt - 1);
    vm.prank(alice);
    vm.expectRevert(
      abi.encodeWithSelector(ITestStakingAsset.TestStakingAsset__FaucetCooldown.selector, allowedAt, allowedAt - 1)
    );
    token.faucet();
    assertEq(token.balanceOf(alice), DRIP);
    assertEq(token.nextFaucetAt(alice), allowedAt);
  }

  function test_faucet_allowedExactlyAtCooldownEnd() public {
    vm.prank(alice);
    token.faucet();
    vm.warp(block.timestamp + COOLDOWN);
    vm.prank(alice);
    token.faucet();
    assertEq(token.balanceOf(alice), 2 * DRIP);
  }

  function test_faucet_limitIsPerAddress() public {
    vm.prank(alice);
    token.faucet();
    address bob = makeAddr("bob");
    vm.prank(bob);
    token.faucet();
    assertEq(token.balanceOf(bob), DRIP);
  }

  function test_setFaucet_byOwner() public {
    vm.prank(owner);
    token.setFaucet(7, 60);
    assertEq(token.faucetAmount(), 7);
    assertEq(token.faucetCooldown(), 60);
  }

  function test_setFaucet_revertsOnZeroAmountAndKeepsConfig() public {
    vm.prank(owner);
    vm.expectRevert(ITestStakingAsset.TestStakingAsset__ZeroAmount.selector);
    token.setFaucet(0, 60);
    assertEq(token.faucetAmount(), DRIP);
    assertEq(token.faucetCooldown(), COOLDOWN);
  }

  function test_setFaucet_revertsForNonOwner() public {
    vm.prank(alice);
    vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
    token.setFaucet(1, 1);
    assertEq(token.faucetAmount(), DRIP);
  }

  function test_constructor_revertsOnZeroFaucetAmount() public {
    vm.expectRevert(ITestStakingAsset.TestStakingAsset__ZeroAmount.selector);
    new TestStakingAsset("Staking", "STK", owner, 0, COOLDOWN);
  }

  /// However often and whenever an address calls, it never draws more than one amount per cooldown.
  function test_fuzz_faucet_neverExceedsRate(uint32[8] memory gaps) public {
    uint256 start = block.timestamp;
    for (uint256 i = 0; i < gaps.length; i++) {
      vm.warp(block.timestamp + bound(gaps[i], 0, 2 * COOLDOWN));
      vm.prank(alice);
      try token.faucet() {} catch {}
    }
    uint256 elapsed = block.timestamp - start;
    assertLe(token.balanceOf(alice), (elapsed / COOLDOWN + 1) * DRIP);
  }
}
