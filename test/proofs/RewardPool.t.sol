// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {RewardPool} from "../../contracts/core/rewards/RewardPool.sol";
import {IRewardPool} from "../../contracts/core/rewards/interfaces/IRewardPool.sol";
import {TestStakingAsset} from "../../contracts/staking/TestStakingAsset.sol";
import {TestVerifier} from "../../contracts/mocks/TestVerifier.sol";

contract RewardPoolTest is Test {
  TestStakingAsset internal asset;
  RewardPool internal pool;
  address internal constant ROLLUP = address(0xA11);
  address internal constant STRANGER = address(0xBEEF);

  function setUp() public {
    asset = new TestStakingAsset("Reward", "RWD", address(this), 1, 1);
    pool = new RewardPool(IERC20(address(asset)), address(this));
    asset.mint(address(pool), 100);
    pool.setRollupAuthorized(ROLLUP, true);
  }

  function test_pay_authorizedRollupPays() public {
    vm.prank(ROLLUP);
    vm.expectEmit(address(pool));
    emit IRewardPool.RewardPaid(ROLLUP, STRANGER, 40);
    pool.pay(STRANGER, 40);
    assertEq(asset.balanceOf(STRANGER), 40);
    assertEq(asset.balanceOf(address(pool)), 60);
  }

  function test_pay_refusesUnauthorizedCaller() public {
    vm.prank(STRANGER);
    vm.expectRevert(abi.encodeWithSelector(IRewardPool.RewardPool__Unauthorized.selector, STRANGER));
    pool.pay(STRANGER, 1);
    assertEq(asset.balanceOf(address(pool)), 100);
  }

  function test_pay_refusesMoreThanHeld() public {
    vm.prank(ROLLUP);
    vm.expectRevert(abi.encodeWithSelector(IRewardPool.RewardPool__InsufficientFunds.selector, 100, 101));
    pool.pay(STRANGER, 101);
    assertEq(asset.balanceOf(address(pool)), 100);
  }

  function test_setRollupAuthorized_ownerOnly() public {
    vm.prank(STRANGER);
    vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, STRANGER));
    pool.setRollupAuthorized(STRANGER, true);
    assertFalse(pool.isAuthorized(STRANGER));
    vm.expectRevert(IRewardPool.RewardPool__ZeroAddress.selector);
    pool.setRollupAuthorized(address(0), true);
    pool.setRollupAuthorized(ROLLUP, false);
    assertFalse(pool.isAuthorized(ROLLUP));
  }

  function test_constructor_refusesZeroAsset() public {
    vm.expectRevert(IRewardPool.RewardPool__ZeroAddress.selector);
    new RewardPool(IERC20(address(0)), address(this));
  }

  function test_setAccepting_testVerifierOwnerOnly() public {
    TestVerifier verifier = new TestVerifier(address(this));
    assertTrue(verifier.verify("", bytes32(0)));
    vm.prank(STRANGER);
    vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, STRANGER));
    verifier.setAccepting(false);
    assertTrue(verifier.accepting());
    verifier.setAccepting(false);
    assertFalse(verifier.verify("", bytes32(0)));
  }
}
