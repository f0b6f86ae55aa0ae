// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SlashingBase} from "./SlashingBase.sol";
import {Slasher} from "../../contracts/slashing/Slasher.sol";
import {ISlasher, SlasherConfig} from "../../contracts/slashing/interfaces/ISlasher.sol";
import {
  ISlashPayload,
  ISlashPayloadFactory,
  SlashEntry,
  Offence
} from "../../contracts/slashing/interfaces/ISlashPayload.sol";
import {IRollup} from "../../contracts/core/interfaces/IRollup.sol";
import {IStakingEscrow, Status} from "../../contracts/staking/interfaces/IStakingEscrow.sol";

/// @dev A payload the factory did not create: it can report any list.
contract ForgedPayload {
  SlashEntry[] internal _entries;

  constructor(address attester, uint256 amount) {
    _entries.push(SlashEntry(attester, amount, Offence.INACTIVITY));
  }

  function getEntries() external view returns (SlashEntry[] memory) {
    return _entries;
  }
}

contract SlasherTest is SlashingBase {
  // ---- constructor ----

  function test_constructor_refusesZeroAddresses() public {
    SlasherConfig memory config = _config(proposerAddress);
    config.factory = ISlashPayloadFactory(address(0));
    vm.expectRevert(ISlasher.Slasher__ZeroAddress.selector);
    new Slasher(config);
    config = _config(proposerAddress);
    config.rollup = IRollup(address(0));
    vm.expectRevert(ISlasher.Slasher__ZeroAddress.selector);
    new Slasher(config);
  }

  function test_constructor_defaultsVetoerAndSinkToTheOwner() public {
    SlasherConfig memory config = _config(proposerAddress);
    (config.vetoer, config.sink) = (address(0), address(0));
    Slasher defaulted = new Slasher(config);
    assertEq(defaulted.VETOER(), owner);
    assertEq(defaulted.sink(), owner);
  }

  // ---- initializeProposer (a zero proposer at construction: the Ignition module's order) ----

  function test_initializeProposer_onlyTheDeployerOnceAndNotZero() public {
    Slasher late = _deploySlasher(address(0));
    address intruder = makeAddr("intruder");
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__OnlyDeployer.selector, address(this), intruder));
    vm.prank(intruder);
    late.initializeProposer(intruder);
    vm.expectRevert(ISlasher.Slasher__ZeroAddress.selector);
    late.initializeProposer(address(0));
    assertEq(late.PROPOSER(), address(0), "unchanged");

    vm.expectEmit(address(late));
    emit ISlasher.ProposerInitialized(proposerAddress);
    late.initializeProposer(proposerAddress);
    assertEq(late.PROPOSER(), proposerAddress);
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__ProposerAlreadySet.selector, proposerAddress));
    late.initializeProposer(intruder);
    assertEq(late.PROPOSER(), proposerAddress, "unchanged");
  }

  function test_initializeProposer_refusedWhenNamedAtConstruction() public {
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__ProposerAlreadySet.selector, proposerAddress));
    slasher.initializeProposer(makeAddr("other"));
    assertEq(slasher.PROPOSER(), proposerAddress, "unchanged");
  }

  function test_slash_refusesEveryoneBeforeTheProposerIsNamed() public {
    Slasher late = _deploySlasher(address(0));
    vm.prank(owner);
    rollup.setSlasher(address(late));
    ISlashPayload payload = _payload(_one(validators[0]), 5e18);
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__OnlyProposer.selector, address(0), address(0)));
    vm.prank(address(0));
    late.slash(payload);
    assertEq(_stake(validators[0]), 100e18);
    assertEq(uint8(late.getPayloadState(payload)), uint8(ISlasher.PayloadState.NONE));
  }

  function test_constructor_refusesPauseBoundsOutOfRange() public {
    SlasherConfig memory config = _config(proposerAddress);
    config.maxPauseDuration = 0;
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__InvalidConfig.selector, 0, EQUIVOCATION_AMOUNT));
    new Slasher(config);
    config.maxPauseDuration = slasher.MAX_PAUSE_CAP() + 1;
    vm.expectRevert(
      abi.encodeWithSelector(ISlasher.Slasher__InvalidConfig.selector, config.maxPauseDuration, EQUIVOCATION_AMOUNT)
    );
    new Slasher(config);
  }

  function test_constructor_refusesEquivocationAmountOutOfRange() public {
    SlasherConfig memory config = _config(proposerAddress);
    config.equivocationAmount = 0;
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__InvalidConfig.selector, MAX_PAUSE, 0));
    new Slasher(config);
    config.equivocationAmount = escrow.minimumStake() + 1;
    vm.expectRevert(
      abi.encodeWithSelector(ISlasher.Slasher__InvalidConfig.selector, MAX_PAUSE, config.equivocationAmount)
    );
    new Slasher(config);
  }

  function test_constructor_readsTheEscrowFromTheRollup() public view {
    assertEq(address(slasher.ESCROW()), address(escrow));
    assertEq(address(slasher.ROLLUP()), address(rollup));
    assertEq(slasher.sink(), sink);
  }

  // ---- slash ----

  function test_slash_slashesEveryEntryAndForwardsToTheSink() public {
    ISlashPayload payload = _payload(_two(validators[0], validators[1]), 5e18);
    vm.expectEmit(address(slasher));
    emit ISlasher.PayloadExecuted(payload, 2, 10e18);
    vm.prank(proposerAddress);
    assertEq(slasher.slash(payload), 2);
    assertEq(_stake(validators[0]), 95e18);
    assertEq(_stake(validators[1]), 95e18);
    assertEq(_stake(validators[2]), 100e18);
    assertEq(asset.balanceOf(sink), 10e18);
    assertEq(asset.balanceOf(address(slasher)), 0);
    assertEq(uint8(slasher.getPayloadState(payload)), uint8(ISlasher.PayloadState.EXECUTED));
  }

  function test_slash_capsAtTheStakeAndEjects() public {
    ISlashPayload payload = _payload(_one(validators[0]), 1_000e18);
    vm.prank(proposerAddress);
    slasher.slash(payload);
    assertEq(_stake(validators[0]), 0);
    assertEq(uint8(escrow.getValidator(validators[0]).status), uint8(Status.ZOMBIE));
    assertEq(asset.balanceOf(sink), 100e18);
  }

  function test_slash_refusesNonProposer() public {
    ISlashPayload payload = _payload(_one(validators[0]), 5e18);
    address intruder = makeAddr("intruder");
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__OnlyProposer.selector, proposerAddress, intruder));
    vm.prank(intruder);
    slasher.slash(payload);
    assertEq(_stake(validators[0]), 100e18);
    assertEq(uint8(slasher.getPayloadState(payload)), uint8(ISlasher.PayloadState.NONE));
  }

  function test_slash_refusesTwice() public {
    ISlashPayload payload = _payload(_one(validators[0]), 5e18);
    vm.startPrank(proposerAddress);
    slasher.slash(payload);
    vm.expectRevert(
      abi.encodeWithSelector(ISlasher.Slasher__AlreadyExecuted.selector, payload, ISlasher.PayloadState.EXECUTED)
    );
    slasher.slash(payload);
    vm.stopPrank();
    assertEq(_stake(validators[0]), 95e18);
  }

  function test_slash_refusesForgedPayload() public {
    ForgedPayload forged = new ForgedPayload(validators[0], 50e18);
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__UnknownPayload.selector, address(forged)));
    vm.prank(proposerAddress);
    slasher.slash(ISlashPayload(address(forged)));
    assertEq(_stake(validators[0]), 100e18);
  }

  function test_slash_refusesVetoed() public {
    ISlashPayload payload = _payload(_one(validators[0]), 5e18);
    vm.expectEmit(address(slasher));
    emit ISlasher.PayloadVetoed(payload);
    vm.prank(vetoer);
    slasher.veto(payload);
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__PayloadVetoed.selector, payload));
    vm.prank(proposerAddress);
    slasher.slash(payload);
    assertEq(_stake(validators[0]), 100e18);
    assertTrue(slasher.isVetoed(payload));
  }

  function test_slash_slashesAnExitingValidator() public {
    vm.prank(owner);
    escrow.initiateWithdraw(validators[0], owner);
    ISlashPayload payload = _payload(_one(validators[0]), 30e18);
    vm.prank(proposerAddress);
    slasher.slash(payload);
    assertEq(escrow.getExit(validators[0]).amount, 70e18);
    assertEq(asset.balanceOf(sink), 30e18);
  }

  function test_slash_recordsAPayloadThatSlashesNobodyDistinctly() public {
    vm.prank(owner);
    escrow.initiateWithdraw(validators[0], owner);
    vm.warp(block.timestamp + escrow.exitDelay());
    escrow.finalizeWithdraw(validators[0]); // gone: status NONE
    ISlashPayload payload = _payload(_one(validators[0]), 30e18);
    vm.expectEmit(address(slasher));
    emit ISlasher.EntrySkipped(payload, validators[0]);
    vm.expectEmit(address(slasher));
    emit ISlasher.PayloadSlashedNobody(payload);
    vm.prank(proposerAddress);
    assertEq(slasher.slash(payload), 0);
    assertEq(uint8(slasher.getPayloadState(payload)), uint8(ISlasher.PayloadState.SLASHED_NOBODY));
    assertEq(asset.balanceOf(sink), 0);
  }

  function test_slash_skipsGoneAttestersAndSlashesTheRest() public {
    vm.prank(owner);
    escrow.initiateWithdraw(validators[0], owner);
    vm.warp(block.timestamp + escrow.exitDelay());
    escrow.finalizeWithdraw(validators[0]);
    ISlashPayload payload = _payload(_two(validators[0], validators[1]), 30e18);
    vm.prank(proposerAddress);
    assertEq(slasher.slash(payload), 1);
    assertEq(_stake(validators[1]), 70e18);
    assertEq(asset.balanceOf(sink), 30e18);
  }

  function test_slash_refusesWhilePausedAndWorksAfter() public {
    ISlashPayload payload = _payload(_one(validators[0]), 5e18);
    vm.prank(vetoer);
    slasher.pause(1 days);
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__Paused.selector, block.timestamp + 1 days));
    vm.prank(proposerAddress);
    slasher.slash(payload);
    assertEq(_stake(validators[0]), 100e18);
    vm.warp(block.timestamp + 1 days);
    vm.prank(proposerAddress);
    slasher.slash(payload);
    assertEq(_stake(validators[0]), 95e18);
  }

  function test_slash_failsWhenNotTheRollupsSlasher() public {
    Slasher other = _deploySlasher(proposerAddress);
    ISlashPayload payload = _payload(_one(validators[0]), 5e18);
    vm.prank(proposerAddress);
    assertEq(other.slash(payload), 0, "skipped: not authorized");
    assertEq(uint8(other.getPayloadState(payload)), uint8(ISlasher.PayloadState.SLASHED_NOBODY));
    assertEq(_stake(validators[0]), 100e18);
  }

  // ---- veto / pause / sink ----

  function test_veto_refusesNonVetoer() public {
    ISlashPayload payload = _payload(_one(validators[0]), 5e18);
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__OnlyVetoer.selector, vetoer, owner));
    vm.prank(owner);
    slasher.veto(payload);
    assertFalse(slasher.isVetoed(payload));
  }

  function test_veto_refusesTwiceAndAfterExecution() public {
    ISlashPayload a = _payload(_one(validators[0]), 5e18);
    ISlashPayload b = _payload(_one(validators[1]), 5e18);
    vm.startPrank(vetoer);
    slasher.veto(a);
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__PayloadVetoed.selector, a));
    slasher.veto(a);
    vm.stopPrank();
    vm.prank(proposerAddress);
    slasher.slash(b);
    vm.expectRevert(
      abi.encodeWithSelector(ISlasher.Slasher__AlreadyExecuted.selector, b, ISlasher.PayloadState.EXECUTED)
    );
    vm.prank(vetoer);
    slasher.veto(b);
    assertFalse(slasher.isVetoed(b));
  }

  function test_pause_refusesNonVetoerTooLongAndInsideTheCooldown() public {
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__OnlyVetoer.selector, vetoer, owner));
    vm.prank(owner);
    slasher.pause(1);
    vm.startPrank(vetoer);
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__PauseTooLong.selector, MAX_PAUSE, MAX_PAUSE + 1));
    slasher.pause(MAX_PAUSE + 1);
    assertEq(slasher.pausedUntil(), 0);
    vm.expectEmit(address(slasher));
    emit ISlasher.SlashingPaused(block.timestamp + MAX_PAUSE);
    slasher.pause(MAX_PAUSE);
    uint256 until = slasher.pausedUntil();
    vm.warp(until + MAX_PAUSE - 1);
    vm.expectRevert(
      abi.encodeWithSelector(ISlasher.Slasher__PauseCooldown.selector, until + MAX_PAUSE, block.timestamp)
    );
    slasher.pause(1);
    assertEq(slasher.pausedUntil(), until);
    vm.warp(until + MAX_PAUSE);
    slasher.pause(1);
    vm.stopPrank();
    assertEq(slasher.pausedUntil(), block.timestamp + 1);
  }

  function test_setSink_onlyOwnerAndNotZero() public {
    address newSink = makeAddr("newSink");
    vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, vetoer));
    vm.prank(vetoer);
    slasher.setSink(newSink);
    vm.startPrank(owner);
    vm.expectRevert(ISlasher.Slasher__ZeroAddress.selector);
    slasher.setSink(address(0));
    assertEq(slasher.sink(), sink);
    vm.expectEmit(address(slasher));
    emit ISlasher.SinkUpdated(sink, newSink);
    slasher.setSink(newSink);
    vm.stopPrank();
    ISlashPayload payload = _payload(_one(validators[0]), 5e18);
    vm.prank(proposerAddress);
    slasher.slash(payload);
    assertEq(asset.balanceOf(newSink), 5e18);
  }
}
