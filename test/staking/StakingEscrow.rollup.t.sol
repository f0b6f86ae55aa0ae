// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingEscrowBase} from "./StakingEscrowBase.sol";
import {IStakingEscrow, Status} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {Rollup} from "../../contracts/core/Rollup.sol";
import {RollupConfig} from "../../contracts/core/interfaces/IRollup.sol";
import {ProofConfig} from "../../contracts/core/interfaces/IEpochProof.sol";
import {IInbox} from "../../contracts/core/messagebridge/interfaces/IInbox.sol";
import {IVerifier} from "../../contracts/verifier/interfaces/IVerifier.sol";
import {IRewardPool} from "../../contracts/core/rewards/interfaces/IRewardPool.sol";
import {TestVerifier} from "../../contracts/mocks/TestVerifier.sol";

/// @notice The escrow behind the real Rollup: deposits forwarded by `Rollup.deposit`, the Rollup's slasher,
///         and the hard fork (a new Rollup made canonical) moving followers while pinned validators migrate.
contract StakingEscrowRealRollupTest is StakingEscrowBase {
  address internal follower = _keyedAddr("follower");
  address internal pinned = _keyedAddr("pinned");
  Rollup internal oldRollup;
  Rollup internal newRollup;

  function _deployRollup() internal returns (Rollup rollup) {
    rollup = new Rollup(
      RollupConfig({
        escrow: escrow,
        genesisTime: 0,
        slotDuration: 36,
        epochDuration: 32,
        targetCommitteeSize: 16,
        bootstrap: false,
        genesisArchive: keccak256("sp-testnet genesis"),
        slasher: slasher,
        owner: owner,
        proofs: ProofConfig({
          verifier: IVerifier(address(new TestVerifier(owner))),
          proofSubmissionEpochs: 1,
          rewardPool: IRewardPool(address(0)),
          blockReward: 0,
          proverReward: 0
        }),
        inbox: IInbox(address(0))
      })
    );
    vm.startPrank(owner);
    registry.addRollup(address(rollup));
    escrow.addRollup(address(rollup));
    vm.stopPrank();
  }

  function _depositThrough(Rollup rollup, address attester, bool followCanonical) internal {
    _fund(payer, 1);
    bytes memory consent = _consent(attester, withdrawer, address(rollup), followCanonical);
    vm.prank(payer);
    rollup.deposit(attester, withdrawer, followCanonical, consent);
  }

  function setUp() public override {
    super.setUp();
    oldRollup = _deployRollup();
    _depositThrough(oldRollup, follower, true);
    _depositThrough(oldRollup, pinned, false);
  }

  function test_deposit_throughRollupPullsFromItsCaller() public view {
    assertEq(escrow.getEffectiveRollup(follower), address(oldRollup));
    assertEq(escrow.getEffectiveRollup(pinned), address(oldRollup));
    assertEq(escrow.getSetSize(address(oldRollup), block.timestamp), 2);
    assertEq(token.balanceOf(payer), 0);
    _assertSolvent();
  }

  function test_slash_byTheRollupsSlasher() public {
    vm.prank(slasher);
    escrow.slash(pinned, 1e18);
    assertEq(escrow.getValidator(pinned).stake, MIN_STAKE - 1e18);

    address newSlasher = _keyedAddr("newSlasher");
    vm.prank(owner);
    oldRollup.setSlasher(newSlasher);
    vm.prank(slasher);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__NotSlasher.selector, newSlasher, slasher));
    escrow.slash(pinned, 1e18);
    assertEq(escrow.getValidator(pinned).stake, MIN_STAKE - 1e18);
  }

  function test_hardFork_followersMoveAndPinnedMigrate() public {
    uint256 forkAt = block.timestamp + 1000;
    vm.warp(forkAt);
    newRollup = _deployRollup();
    assertEq(escrow.getSetSize(address(newRollup), forkAt), 1);
    assertEq(escrow.getAttesterAtIndex(address(newRollup), 0, forkAt), follower);
    assertEq(escrow.getSetSize(address(oldRollup), forkAt), 1);
    assertEq(escrow.getSetSize(address(oldRollup), forkAt - 1), 2);

    vm.warp(forkAt + 10);
    vm.prank(withdrawer);
    escrow.migrate(pinned, address(newRollup));
    assertEq(escrow.getSetSize(address(newRollup), block.timestamp), 2);
    assertEq(escrow.getSetSize(address(oldRollup), block.timestamp), 0);
    assertEq(uint8(escrow.getValidator(pinned).status), uint8(Status.VALIDATING));
    assertEq(escrow.totalStaked(), 2 * MIN_STAKE);
    _assertSolvent();
  }
}
