// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RollupTestBase} from "../core/RollupTestBase.sol";
import {SlashPayloadFactory} from "../../contracts/slashing/SlashPayloadFactory.sol";
import {Slasher} from "../../contracts/slashing/Slasher.sol";
import {SlashingProposer} from "../../contracts/slashing/SlashingProposer.sol";
import {ISlasher, SlasherConfig} from "../../contracts/slashing/interfaces/ISlasher.sol";
import {ISlashingProposer} from "../../contracts/slashing/interfaces/ISlashingProposer.sol";
import {ISlashPayload, SlashEntry, Offence} from "../../contracts/slashing/interfaces/ISlashPayload.sol";
import {IRegistry} from "../../contracts/governance/interfaces/IRegistry.sol";
import {Epoch} from "../../contracts/core/libraries/TimeLib.sol";

/// @notice The real Rollup + StakingEscrow with the slashing contracts (factory, Slasher as the Rollup's slasher,
///         SlashingProposer) and helpers to build a payload and signal it to quorum.
abstract contract SlashingIntegrationBase is RollupTestBase {
  uint256 internal constant M = 2 * EPOCH_SLOTS;
  uint256 internal constant N = M / 2 + 1;
  uint256 internal constant LIFETIME = 3;
  uint256 internal constant DELAY = 1;

  address internal vetoer = makeAddr("vetoer");
  address internal sink = makeAddr("sink");
  SlashPayloadFactory internal factory;
  Slasher internal slasher;
  SlashingProposer internal proposer;
  IERC20 internal asset;

  function setUp() public override {
    super.setUp();
    asset = IERC20(escrow.asset());
    factory = new SlashPayloadFactory();
    // Each names the other: the proposer's address is predicted (the next deployment after the Slasher).
    address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
    slasher = new Slasher(SlasherConfig(rollup, factory, predicted, vetoer, sink, owner, 3 days, 10e18));
    proposer = new SlashingProposer(IRegistry(escrow.registry()), slasher, N, M, LIFETIME, DELAY);
    assertEq(address(proposer), predicted);
    vm.prank(owner); // the Rollup's owner (the timelock in a deployment)
    rollup.setSlasher(address(slasher));
  }

  function _committeeOfNow() internal virtual returns (address[] memory) {
    Epoch epoch = Epoch.wrap(_currentSlot() / EPOCH_SLOTS);
    if (!rollup.isSeedFixed(epoch)) rollup.setupEpoch();
    return rollup.getEpochCommittee(epoch);
  }

  /// @dev Two members of the current committee, sorted, as a payload slashing `amount` each.
  function _payload(uint256 amount) internal returns (ISlashPayload payload, address[2] memory offenders) {
    address[] memory committee = _committeeOfNow();
    (offenders[0], offenders[1]) =
      committee[0] < committee[1] ? (committee[0], committee[1]) : (committee[1], committee[0]);
    SlashEntry[] memory entries = new SlashEntry[](2);
    entries[0] = SlashEntry(offenders[0], amount, Offence.PRUNED_EPOCH);
    entries[1] = SlashEntry(offenders[1], amount, Offence.PRUNED_EPOCH);
    payload = factory.createPayload(entries);
  }

  /// @dev The proposers of `N` consecutive slots from the start of `round` signal `payload`.
  function _signalToQuorum(uint256 round, ISlashPayload payload) internal {
    for (uint256 i = 0; i < N; ++i) {
      _warpToSlot(round * M + i);
      _committeeOfNow();
      address slotProposer = rollup.getCurrentProposer();
      vm.prank(slotProposer);
      uint256 gasBefore = gasleft();
      proposer.signal(payload);
      if (i == 0) emit log_named_uint("slash signal gas (first of the round)", gasBefore - gasleft());
      if (i == 1) emit log_named_uint("slash signal gas (second)", gasBefore - gasleft());
    }
  }
}

/// @notice The whole on-chain path on the real Rollup + StakingEscrow: a payload is created, the slots' proposers
///         signal it to quorum, it executes after the delay, stakes drop and the tokens reach the sink; a vetoed
///         payload does not execute.
contract SlashingIntegrationTest is SlashingIntegrationBase {
  function test_integration_signalledPayloadSlashesAfterTheDelay() public {
    uint256 round = proposer.getCurrentRound() + 1;
    _warpToSlot(round * M);
    (ISlashPayload payload, address[2] memory offenders) = _payload(30e18);
    _signalToQuorum(round, payload);
    assertEq(proposer.getRound(address(rollup), round).leaderSignals, N);

    _warpToSlot((round + DELAY) * M + M - 1); // the veto window: not yet
    vm.expectRevert(
      abi.encodeWithSelector(
        ISlashingProposer.SlashingProposer__RoundNotExecutable.selector,
        round,
        round + DELAY + 1,
        round + DELAY
      )
    );
    proposer.executeRound(round);
    assertEq(escrow.getValidator(offenders[0]).stake, 100e18);

    _warpToSlot((round + DELAY + 1) * M);
    uint256 gasBefore = gasleft();
    assertEq(proposer.executeRound(round), 2);
    emit log_named_uint("executeRound gas (2 attesters)", gasBefore - gasleft());
    assertEq(escrow.getValidator(offenders[0]).stake, 70e18);
    assertEq(escrow.getValidator(offenders[1]).stake, 70e18);
    assertEq(asset.balanceOf(sink), 60e18);
    assertEq(escrow.totalStaked(), VALIDATORS * 100e18 - 60e18);
    assertEq(uint8(slasher.getPayloadState(payload)), uint8(ISlasher.PayloadState.EXECUTED));
    assertEq(escrow.getVotes(offenders[0]), 70e18, "votes follow the stake");
  }

  function test_integration_vetoedPayloadIsNotExecuted() public {
    uint256 round = proposer.getCurrentRound() + 1;
    _warpToSlot(round * M);
    (ISlashPayload payload, address[2] memory offenders) = _payload(30e18);
    _signalToQuorum(round, payload);
    _warpToSlot((round + 1) * M); // inside the veto window
    vm.prank(vetoer);
    slasher.veto(payload);

    _warpToSlot((round + DELAY + 1) * M);
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__PayloadVetoed.selector, payload));
    proposer.executeRound(round);
    assertEq(escrow.getValidator(offenders[0]).stake, 100e18);
    assertEq(escrow.getValidator(offenders[1]).stake, 100e18);
    assertEq(asset.balanceOf(sink), 0);
    assertFalse(proposer.getRound(address(rollup), round).executed);
    assertEq(uint8(slasher.getPayloadState(payload)), uint8(ISlasher.PayloadState.NONE));
  }
}
