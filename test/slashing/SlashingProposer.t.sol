// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {SlashingRollupStub, SlasherStub} from "./SlashingStubs.sol";
import {GovernanceRegistryStub} from "../../contracts/mocks/GovernanceRegistryStub.sol";
import {SlashingProposer} from "../../contracts/slashing/SlashingProposer.sol";
import {SlashPayloadFactory} from "../../contracts/slashing/SlashPayloadFactory.sol";
import {ISlashingProposer} from "../../contracts/slashing/interfaces/ISlashingProposer.sol";
import {ISlasher} from "../../contracts/slashing/interfaces/ISlasher.sol";
import {ISlashPayload, SlashEntry, Offence} from "../../contracts/slashing/interfaces/ISlashPayload.sol";
import {IRegistry} from "../../contracts/governance/interfaces/IRegistry.sol";

contract SlashingProposerTest is Test {
  uint32 internal constant EPOCH = 4;
  uint256 internal constant M = 8;
  uint256 internal constant N = 5;
  uint256 internal constant LIFETIME = 4;
  uint256 internal constant DELAY = 2;

  address internal owner = makeAddr("owner");
  uint256 internal proposerKey = 0xB0B;
  address internal slotProposer;
  SlashingRollupStub internal rollupV1;
  SlashingRollupStub internal rollupV2;
  GovernanceRegistryStub internal registry;
  SlasherStub internal slasher;
  SlashingProposer internal proposer;
  ISlashPayload internal payloadA;
  ISlashPayload internal payloadB;

  function setUp() public {
    rollupV1 = new SlashingRollupStub(EPOCH);
    rollupV2 = new SlashingRollupStub(EPOCH);
    registry = new GovernanceRegistryStub(owner, address(rollupV1));
    slasher = new SlasherStub();
    proposer = _deploy(N, M, LIFETIME, DELAY);
    SlashPayloadFactory factory = new SlashPayloadFactory();
    SlashEntry[] memory entries = new SlashEntry[](1);
    entries[0] = SlashEntry(address(0xA), 1e18, Offence.INACTIVITY);
    payloadA = factory.createPayload(entries);
    entries[0].attester = address(0xB);
    payloadB = factory.createPayload(entries);
    slotProposer = vm.addr(proposerKey);
    rollupV1.setProposer(slotProposer);
    rollupV2.setProposer(makeAddr("v2Proposer"));
  }

  function _deploy(uint256 n, uint256 m, uint256 lifetime, uint256 delay) internal returns (SlashingProposer) {
    return new SlashingProposer(IRegistry(address(registry)), ISlasher(address(slasher)), n, m, lifetime, delay);
  }

  function _signalAt(uint256 slot, ISlashPayload payload) internal returns (uint256) {
    rollupV1.setSlot(slot);
    vm.prank(slotProposer);
    return proposer.signal(payload);
  }

  function _reachQuorum(uint256 round, ISlashPayload payload) internal {
    for (uint256 i = 0; i < N; ++i) _signalAt(round * M + i, payload);
  }

  function _sign(ISlashPayload payload, address rollup, uint256 slot) internal view returns (bytes memory) {
    (uint8 v, bytes32 r, bytes32 s) = vm.sign(proposerKey, proposer.signalDigest(payload, rollup, slot));
    return abi.encodePacked(r, s, v);
  }

  // ---- constructor ----

  function test_constructor_refusesQuorumNotAMajorityOrAboveTheRound() public {
    vm.expectRevert(abi.encodeWithSelector(ISlashingProposer.SlashingProposer__InvalidConfig.selector, 4, 8, 4, 2));
    _deploy(4, 8, 4, 2);
    vm.expectRevert(abi.encodeWithSelector(ISlashingProposer.SlashingProposer__InvalidConfig.selector, 9, 8, 4, 2));
    _deploy(9, 8, 4, 2);
  }

  function test_constructor_refusesADelayNotShorterThanTheLifetime() public {
    vm.expectRevert(abi.encodeWithSelector(ISlashingProposer.SlashingProposer__InvalidConfig.selector, 5, 8, 2, 2));
    _deploy(5, 8, 2, 2);
  }

  function test_constructor_refusesARoundNotAMultipleOfTheEpoch() public {
    vm.expectRevert(abi.encodeWithSelector(ISlashingProposer.SlashingProposer__RoundNotEpochAligned.selector, 6, 4));
    _deploy(4, 6, 4, 2);
  }

  /// 12 s * ((2 + 1) * 4 + (2 + 2) * 8) = 528 s: the exit delay must be longer.
  function test_constructor_refusesAnExitDelayNotAboveProofWindowRoundsAndDelay() public {
    uint256 minimum = 12 * ((2 + 1) * EPOCH + (2 + DELAY) * M);
    assertEq(proposer.minimumExitDelay(), minimum);
    rollupV1.setExitDelay(minimum);
    vm.expectRevert(
      abi.encodeWithSelector(ISlashingProposer.SlashingProposer__ExitDelayTooShort.selector, minimum, minimum)
    );
    _deploy(N, M, LIFETIME, DELAY);
    rollupV1.setExitDelay(minimum + 1);
    assertEq(_deploy(N, M, LIFETIME, DELAY).minimumExitDelay(), minimum);
  }

  function test_constructor_refusesZeroAddresses() public {
    vm.expectRevert(ISlashingProposer.SlashingProposer__ZeroAddress.selector);
    new SlashingProposer(IRegistry(address(0)), ISlasher(address(slasher)), N, M, LIFETIME, DELAY);
    vm.expectRevert(ISlashingProposer.SlashingProposer__ZeroAddress.selector);
    new SlashingProposer(IRegistry(address(registry)), ISlasher(address(0)), N, M, LIFETIME, DELAY);
  }

  // ---- signal ----

  function test_signal_countsTheSlotProposer() public {
    rollupV1.setSlot(9);
    vm.expectEmit(address(proposer));
    emit ISlashingProposer.SlashSignalCast(address(rollupV1), 1, payloadA, slotProposer, 9, 1);
    vm.prank(slotProposer);
    assertEq(proposer.signal(payloadA), 1);
    ISlashingProposer.RoundView memory r = proposer.getRound(address(rollupV1), 1);
    assertEq(address(r.leader), address(payloadA));
    assertEq(r.leaderSignals, 1);
    assertEq(r.lastSignalSlot, 9);
    assertTrue(r.hasSignals);
    assertEq(proposer.getCurrentRound(), 1);
    assertEq(proposer.computeRound(16), 2);
  }

  function test_signal_refusesNonProposer() public {
    address intruder = makeAddr("intruder");
    vm.expectRevert(
      abi.encodeWithSelector(ISlashingProposer.SlashingProposer__OnlyProposer.selector, slotProposer, intruder)
    );
    vm.prank(intruder);
    proposer.signal(payloadA);
    assertFalse(proposer.getRound(address(rollupV1), 0).hasSignals);
  }

  function test_signal_refusesTwiceInASlot() public {
    _signalAt(3, payloadA);
    vm.expectRevert(abi.encodeWithSelector(ISlashingProposer.SlashingProposer__AlreadySignalled.selector, 3));
    vm.prank(slotProposer);
    proposer.signal(payloadB);
    assertEq(proposer.signalCount(address(rollupV1), 0, payloadA), 1);
    assertEq(proposer.signalCount(address(rollupV1), 0, payloadB), 0);
  }

  function test_signal_refusesTheProposerOfANonCanonicalRollup() public {
    vm.prank(owner);
    registry.addRollup(address(rollupV2));
    vm.expectRevert(
      abi.encodeWithSelector(
        ISlashingProposer.SlashingProposer__OnlyProposer.selector,
        makeAddr("v2Proposer"),
        slotProposer
      )
    );
    vm.prank(slotProposer);
    proposer.signal(payloadA);
    assertFalse(proposer.getRound(address(rollupV1), 0).hasSignals);
  }

  function test_signal_afterTheRoundCountsForTheNextRoundOnly() public {
    _signalAt(M - 1, payloadA);
    _signalAt(M, payloadA);
    assertEq(proposer.signalCount(address(rollupV1), 0, payloadA), 1);
    assertEq(proposer.signalCount(address(rollupV1), 1, payloadA), 1);
  }

  function test_signal_refusesZeroAndNonContractPayloads() public {
    vm.startPrank(slotProposer);
    vm.expectRevert(ISlashingProposer.SlashingProposer__ZeroPayload.selector);
    proposer.signal(ISlashPayload(address(0)));
    vm.expectRevert(
      abi.encodeWithSelector(ISlashingProposer.SlashingProposer__PayloadNotAContract.selector, address(0xdead))
    );
    proposer.signal(ISlashPayload(address(0xdead)));
    vm.stopPrank();
    assertFalse(proposer.getRound(address(rollupV1), 0).hasSignals);
  }

  function test_signalWithSig_countsARelayedSignature() public {
    rollupV1.setSlot(5);
    bytes memory sig = _sign(payloadA, address(rollupV1), 5);
    vm.prank(makeAddr("relayer"));
    assertEq(proposer.signalWithSig(payloadA, 5, sig), 1);
  }

  function test_signalWithSig_refusesAnotherSlotOrSigner() public {
    rollupV1.setSlot(5);
    bytes memory old = _sign(payloadA, address(rollupV1), 4);
    vm.expectRevert(abi.encodeWithSelector(ISlashingProposer.SlashingProposer__WrongSlot.selector, 5, 4));
    proposer.signalWithSig(payloadA, 4, old);
    (uint8 v, bytes32 r, bytes32 s) = vm.sign(0xBAD, proposer.signalDigest(payloadA, address(rollupV1), 5));
    vm.expectRevert(
      abi.encodeWithSelector(ISlashingProposer.SlashingProposer__OnlyProposer.selector, slotProposer, vm.addr(0xBAD))
    );
    proposer.signalWithSig(payloadA, 5, abi.encodePacked(r, s, v));
    assertFalse(proposer.getRound(address(rollupV1), 0).hasSignals);
  }

  // ---- executeRound ----

  function test_executeRound_handsTheWinnerToTheSlasherAfterTheDelay() public {
    _reachQuorum(0, payloadA);
    rollupV1.setSlot(DELAY * M + M - 1); // round 2: the delay has not passed
    vm.expectRevert(
      abi.encodeWithSelector(ISlashingProposer.SlashingProposer__RoundNotExecutable.selector, 0, DELAY + 1, DELAY)
    );
    proposer.executeRound(0);
    assertEq(slasher.handedCount(), 0);
    rollupV1.setSlot((DELAY + 1) * M);
    vm.expectEmit(address(proposer));
    emit ISlashingProposer.RoundExecuted(address(rollupV1), 0, payloadA, 7);
    assertEq(proposer.executeRound(0), 7);
    assertEq(address(slasher.handed(0)), address(payloadA));
    assertTrue(proposer.getRound(address(rollupV1), 0).executed);
  }

  function test_executeRound_refusesTwice() public {
    _reachQuorum(0, payloadA);
    rollupV1.setSlot((DELAY + 1) * M);
    proposer.executeRound(0);
    vm.expectRevert(abi.encodeWithSelector(ISlashingProposer.SlashingProposer__AlreadyExecuted.selector, 0));
    proposer.executeRound(0);
    assertEq(slasher.handedCount(), 1);
  }

  function test_executeRound_refusesAfterTheLifetime() public {
    _reachQuorum(0, payloadA);
    rollupV1.setSlot((LIFETIME + 1) * M);
    vm.expectRevert(
      abi.encodeWithSelector(ISlashingProposer.SlashingProposer__RoundExpired.selector, LIFETIME, LIFETIME + 1)
    );
    proposer.executeRound(0);
    assertEq(slasher.handedCount(), 0);
  }

  function test_executeRound_refusesWithoutQuorum() public {
    for (uint256 i = 0; i < N - 1; ++i) _signalAt(i, payloadA);
    _signalAt(N - 1, payloadB);
    rollupV1.setSlot((DELAY + 1) * M);
    vm.expectRevert(abi.encodeWithSelector(ISlashingProposer.SlashingProposer__QuorumNotReached.selector, N, N - 1));
    proposer.executeRound(0);
    assertFalse(proposer.getRound(address(rollupV1), 0).executed);
  }

  /// Any sequence of signals over a round's slots: counts match a model, the leader is the first to reach the
  /// highest count, and the round executes exactly when that count reaches the quorum.
  function test_fuzz_roundCounting_matchesModel(uint256 seed, uint8 rawSignals) public {
    uint256 signals = bound(rawSignals, 0, M);
    uint256 countA;
    uint256 countB;
    address leader;
    uint256 slot;
    for (uint256 i = 0; i < signals; ++i) {
      seed = uint256(keccak256(abi.encode(seed)));
      if (seed % 3 == 0) continue; // an empty slot
      ISlashPayload p = (seed >> 8) % 2 == 0 ? payloadA : payloadB;
      uint256 got = _signalAt(slot, p);
      uint256 expected = p == payloadA ? ++countA : ++countB;
      assertEq(got, expected);
      uint256 leaderCount = leader == address(payloadA) ? countA : (leader == address(payloadB) ? countB : 0);
      if (address(p) != leader && expected > leaderCount) leader = address(p);
      ++slot;
    }
    ISlashingProposer.RoundView memory r = proposer.getRound(address(rollupV1), 0);
    assertEq(address(r.leader), leader);
    assertEq(proposer.signalCount(address(rollupV1), 0, payloadA), countA);
    assertEq(proposer.signalCount(address(rollupV1), 0, payloadB), countB);
    assertLe(countA + countB, M);
    rollupV1.setSlot((DELAY + 1) * M);
    uint256 best = countA > countB ? countA : countB;
    if (best >= N) {
      proposer.executeRound(0);
      assertEq(address(slasher.handed(0)), leader);
    } else {
      vm.expectRevert(
        abi.encodeWithSelector(ISlashingProposer.SlashingProposer__QuorumNotReached.selector, N, r.leaderSignals)
      );
      proposer.executeRound(0);
    }
  }
}
