// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {StakeConsent} from "../helpers/StakeConsent.sol";
import {StakingEscrowBase} from "./StakingEscrowBase.sol";
import {StakingEscrow} from "../../contracts/staking/StakingEscrow.sol";
import {Status, DepositArgs} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {Registry} from "../../contracts/governance/Registry.sol";
import {TestStakingAsset} from "../../contracts/staking/TestStakingAsset.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";

/// @notice Drives the escrow through random deposits, bulk adds, exits, slashes, migrations and upgrades.
contract StakingEscrowHandler is StakeConsent {
  uint256 internal constant ATTESTERS = 16;
  uint256 internal constant MAX_ROLLUPS = 3;

  StakingEscrow internal immutable escrow;
  Registry internal immutable registry;
  TestStakingAsset internal immutable token;
  address internal immutable owner;
  address internal immutable slasher;
  address internal constant WITHDRAWER = address(0xD1);
  address internal constant PAYER = address(0xFA);

  address[] public rollups;

  constructor(
    StakingEscrow escrow_,
    Registry registry_,
    TestStakingAsset token_,
    address owner_,
    address slasher_,
    address firstRollup
  ) {
    escrow = escrow_;
    registry = registry_;
    token = token_;
    owner = owner_;
    slasher = slasher_;
    rollups.push(firstRollup);
  }

  function attesterKey(uint256 i) public pure returns (uint256) {
    return 0xBEEF00 + (i % ATTESTERS);
  }

  function attester(uint256 i) public pure returns (address) {
    return vm.addr(attesterKey(i));
  }

  function rollupCount() external view returns (uint256) {
    return rollups.length;
  }

  function deposit(uint256 who, uint256 rollupSeed, bool followCanonical) external {
    address a = attester(who);
    if (escrow.getValidator(a).status != Status.NONE) return;
    _fund(PAYER, 1);
    address rollup = rollups[rollupSeed % rollups.length];
    bytes memory consent = _signConsent(escrow, attesterKey(who), WITHDRAWER, rollup, followCanonical);
    vm.prank(PAYER);
    StakingTestRollup(rollup).deposit(a, WITHDRAWER, followCanonical, consent);
  }

  function addValidators(uint256 who, uint8 count) external {
    count = uint8(bound(count, 1, 4));
    DepositArgs[] memory list = new DepositArgs[](count);
    address canonical = escrow.getFollowersRollup();
    for (uint256 i = 0; i < count; ++i) {
      address a = attester(who + i);
      if (escrow.getValidator(a).status != Status.NONE) return;
      bool follow = (who + i) % 2 == 0;
      list[i] = DepositArgs(
        a,
        WITHDRAWER,
        follow,
        _signConsent(escrow, attesterKey(who + i), WITHDRAWER, canonical, follow)
      );
    }
    _fund(address(this), count);
    escrow.addValidators(list);
  }

  function initiateWithdraw(uint256 who) external {
    address a = attester(who);
    Status s = escrow.getValidator(a).status;
    if (s == Status.NONE || s == Status.EXITING) return;
    vm.prank(WITHDRAWER);
    escrow.initiateWithdraw(a, address(0xEC));
  }

  function finalizeWithdraw(uint256 who) external {
    address a = attester(who);
    if (escrow.getValidator(a).status != Status.EXITING) return;
    uint256 exitableAt = escrow.getExit(a).exitableAt;
    if (block.timestamp < exitableAt) vm.warp(exitableAt);
    escrow.finalizeWithdraw(a);
  }

  function slash(uint256 who, uint256 amount) external {
    address a = attester(who);
    if (escrow.getValidator(a).status == Status.NONE) return;
    amount = bound(amount, 1, escrow.minimumStake());
    vm.prank(slasher);
    escrow.slash(a, amount);
  }

  function migrate(uint256 who, uint256 rollupSeed) external {
    address a = attester(who);
    if (escrow.getValidator(a).status != Status.VALIDATING) return;
    address target = rollups[rollupSeed % rollups.length];
    if (escrow.getValidator(a).pinnedRollup == target) return;
    vm.prank(WITHDRAWER);
    escrow.migrate(a, target);
  }

  function upgrade() external {
    if (rollups.length >= MAX_ROLLUPS) return;
    vm.warp(block.timestamp + 1);
    StakingTestRollup rollup = new StakingTestRollup(escrow, slasher);
    vm.startPrank(owner);
    registry.addRollup(address(rollup));
    escrow.addRollup(address(rollup));
    vm.stopPrank();
    rollups.push(address(rollup));
  }

  function warp(uint32 seconds_) external {
    vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
  }

  function _fund(address who, uint256 count) internal {
    uint256 amount = count * escrow.minimumStake();
    vm.prank(owner);
    token.mint(who, amount);
    vm.prank(who);
    token.approve(address(escrow), amount);
  }
}

contract StakingEscrowInvariantTest is StakingEscrowBase {
  StakingEscrowHandler internal handler;

  function setUp() public override {
    super.setUp();
    handler = new StakingEscrowHandler(escrow, registry, token, owner, slasher, address(rollupA));
    targetContract(address(handler));
  }

  function invariant_escrowBalanceEqualsSumOfStakes() public view {
    uint256 sum;
    for (uint256 i = 0; i < 16; ++i) sum += escrow.getValidator(handler.attester(i)).stake;
    assertEq(token.balanceOf(address(escrow)), sum);
    assertEq(escrow.totalStaked(), sum);
  }

  function invariant_noAttesterInTwoSets() public view {
    uint256 count = handler.rollupCount();
    for (uint256 i = 0; i < 16; ++i) {
      address a = handler.attester(i);
      uint256 memberships;
      for (uint256 r = 0; r < count; ++r) {
        if (_inSet(handler.rollups(r), a)) ++memberships;
      }
      bool validating = escrow.getValidator(a).status == Status.VALIDATING;
      assertEq(memberships, validating ? 1 : 0);
      if (validating) assertTrue(_inSet(escrow.getEffectiveRollup(a), a));
    }
  }

  function invariant_votesEqualStakeOfValidatingAndZombie() public view {
    uint256 voting;
    uint256 votes;
    for (uint256 i = 0; i < 16; ++i) {
      address a = handler.attester(i);
      Status s = escrow.getValidator(a).status;
      if (s == Status.VALIDATING || s == Status.ZOMBIE) voting += escrow.getValidator(a).stake;
      votes += escrow.getVotes(a);
    }
    assertEq(votes, voting);
  }
}
