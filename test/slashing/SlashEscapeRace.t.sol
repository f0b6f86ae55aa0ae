// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SlashingIntegrationBase} from "./Slashing.integration.t.sol";
import {IStakingEscrow, Status} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {ISlashPayload, SlashEntry, Offence} from "../../contracts/slashing/interfaces/ISlashPayload.sol";
import {Epoch} from "../../contracts/core/libraries/TimeLib.sol";

/// @notice The exit race (issue 14): an attester on the committee of epoch E starts its exit at the earliest moment
///         it can and still sit on E's committee (the start of E-1, right after E's snapshot), and tries to be paid
///         out before a slash for E executes. With the escrow's exit delay at the smallest value the
///         SlashingProposer accepts (`minimumExitDelay() + 1`) the slash still lands first: the payout before it is
///         refused and the payout after it is the slashed stake.
contract SlashEscapeRaceTest is SlashingIntegrationBase {
  /// 12 s * ((2 + 1) * 4 + (2 + 1) * 8) = 432 s (proof window 1 epoch, M = 8 slots, delay 1 round)
  uint256 internal constant MINIMUM_EXIT_DELAY = 432;
  address internal recipient = makeAddr("recipient");

  function _exitDelay() internal pure override returns (uint256) {
    return MINIMUM_EXIT_DELAY + 1;
  }

  function test_race_exitRightAfterTheSnapshotCannotEscapeTheSlashOfTheEpoch() public {
    assertEq(proposer.minimumExitDelay(), MINIMUM_EXIT_DELAY);
    // E = 5: its proof deadline (start of epoch 7, slot 28) falls half-way through round 3 (slots 24-31), too
    // late for a quorum of 5 there, so the payload waits for round 4: the slowest path a prune can take.
    uint256 e = 5;
    _warpToSlot((e - 2) * EPOCH_SLOTS);
    rollup.setupEpoch();
    _warpToSlot((e - 1) * EPOCH_SLOTS); // E-1 starts: E's snapshot (the last second of E-2) is closed
    rollup.setupEpoch(); // fixes E's seed
    address[] memory committee = rollup.getEpochCommittee(Epoch.wrap(e));
    address offender = committee[0];

    uint256 exitStarted = block.timestamp;
    vm.prank(owner); // the validators' withdrawer
    escrow.initiateWithdraw(offender, recipient);
    uint256 exitableAt = escrow.getExit(offender).exitableAt;
    assertEq(exitableAt, exitStarted + MINIMUM_EXIT_DELAY + 1);
    _warpToSlot(e * EPOCH_SLOTS);
    rollup.setupEpoch();
    assertEq(rollup.getEpochCommittee(Epoch.wrap(e))[0], offender, "still on E's committee after starting to exit");

    // E is pruned at its proof deadline; the proposers then signal the payload in the first round they can reach
    // quorum in, and it executes after the veto window.
    uint256 deadlineSlot = (e + 2) * EPOCH_SLOTS;
    uint256 round = deadlineSlot / M + ((deadlineSlot % M) + N > M ? 1 : 0);
    assertEq(round, 4);
    SlashEntry[] memory entries = new SlashEntry[](1);
    entries[0] = SlashEntry(offender, 30e18, Offence.PRUNED_EPOCH);
    ISlashPayload payload = factory.createPayload(entries);
    _signalToQuorum(round, payload);

    _warpToSlot((round + DELAY + 1) * M); // the first moment the round can execute
    assertLt(block.timestamp, exitableAt, "the slash can execute before the payout");
    assertLe(block.timestamp - exitStarted, MINIMUM_EXIT_DELAY, "within the bound the proposer checks");
    vm.expectRevert(
      abi.encodeWithSelector(IStakingEscrow.StakingEscrow__ExitNotReady.selector, exitableAt, block.timestamp)
    );
    escrow.finalizeWithdraw(offender);
    assertEq(uint8(escrow.getValidator(offender).status), uint8(Status.EXITING), "the payout was refused");
    assertEq(escrow.getValidator(offender).stake, 100e18);

    assertEq(proposer.executeRound(round), 1);
    assertEq(escrow.getValidator(offender).stake, 70e18, "slashed while exiting");

    vm.warp(exitableAt);
    escrow.finalizeWithdraw(offender);
    assertEq(asset.balanceOf(recipient), 70e18, "the payout is the slashed stake");
    assertEq(asset.balanceOf(sink), 30e18);
  }
}
