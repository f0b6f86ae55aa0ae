// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {GovernanceBase} from "./GovernanceBase.sol";
import {GovernanceProposer} from "../../contracts/governance/GovernanceProposer.sol";
import {IGovernanceProposer} from "../../contracts/governance/interfaces/IGovernanceProposer.sol";
import {IPayload} from "../../contracts/governance/interfaces/IPayload.sol";
import {IRegistry} from "../../contracts/governance/interfaces/IRegistry.sol";

contract GovernanceProposerTest is GovernanceBase {
  uint256 internal proposerKey = 0xB0B;
  address internal slotProposer;
  IPayload internal otherPayload;

  function setUp() public override {
    super.setUp();
    otherPayload = _payload(1);
    slotProposer = vm.addr(proposerKey);
    rollupV1.setSlot(7);
    rollupV1.setProposer(slotProposer);
    rollupV2.setProposer(makeAddr("v2Proposer"));
  }

  function _sign(IPayload payload, address rollup, uint256 slot) internal view returns (bytes memory) {
    (uint8 v, bytes32 r, bytes32 s) = vm.sign(proposerKey, proposer.signalDigest(payload, rollup, slot));
    return abi.encodePacked(r, s, v);
  }

  function _fork() internal {
    vm.prank(address(timelock));
    registry.addRollup(address(rollupV2));
  }

  function _assertRoundEmpty(address rollup, uint256 round) internal view {
    IGovernanceProposer.RoundView memory r = proposer.getRound(rollup, round);
    assertFalse(r.hasSignals, "round has no signal");
    assertEq(address(r.leader), address(0), "no leader");
  }

  // ---- constructor ----

  function test_constructor_refusesQuorumNotAMajority() public {
    vm.expectRevert(abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__InvalidConfig.selector, 5, 10, 1));
    new GovernanceProposer(IRegistry(address(registry)), governance, 5, 10, 1);
  }

  function test_constructor_refusesQuorumAboveRound() public {
    vm.expectRevert(abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__InvalidConfig.selector, 11, 10, 1));
    new GovernanceProposer(IRegistry(address(registry)), governance, 11, 10, 1);
  }

  function test_constructor_refusesZeroLifetime() public {
    vm.expectRevert(abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__InvalidConfig.selector, 6, 10, 0));
    new GovernanceProposer(IRegistry(address(registry)), governance, 6, 10, 0);
  }

  // ---- signal ----

  function test_signal_countsTheSlotProposer() public {
    vm.expectEmit(address(proposer));
    emit IGovernanceProposer.SignalCast(address(rollupV1), 1, hardFork, slotProposer, 7, 1);
    vm.prank(slotProposer);
    assertEq(proposer.signal(hardFork), 1);

    IGovernanceProposer.RoundView memory r = proposer.getRound(address(rollupV1), 1);
    assertEq(address(r.leader), address(hardFork));
    assertEq(r.leaderSignals, 1);
    assertTrue(r.hasSignals);
    assertEq(r.lastSignalSlot, 7);
    assertEq(proposer.getCurrentRound(), 1);
  }

  function test_signal_refusesNonProposer() public {
    address intruder = makeAddr("intruder");
    vm.expectRevert(
      abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__OnlyProposer.selector, slotProposer, intruder)
    );
    vm.prank(intruder);
    proposer.signal(hardFork);
    _assertRoundEmpty(address(rollupV1), 1);
  }

  function test_signal_refusesEveryoneWhenTheSlotHasNoProposer() public {
    rollupV1.setProposer(address(0)); // empty committee
    vm.expectRevert(
      abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__OnlyProposer.selector, address(0), slotProposer)
    );
    vm.prank(slotProposer);
    proposer.signal(hardFork);
    bytes memory sig = _sign(hardFork, address(rollupV1), 7);
    vm.expectRevert(
      abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__OnlyProposer.selector, address(0), slotProposer)
    );
    proposer.signalWithSig(hardFork, 7, sig);
    _assertRoundEmpty(address(rollupV1), 1);
  }

  function test_signal_refusesSecondSignalInSlot() public {
    vm.startPrank(slotProposer);
    proposer.signal(hardFork);
    vm.expectRevert(abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__AlreadySignalled.selector, 7));
    proposer.signal(otherPayload);
    vm.stopPrank();
    assertEq(proposer.signalCount(address(rollupV1), 1, hardFork), 1);
    assertEq(proposer.signalCount(address(rollupV1), 1, otherPayload), 0);
  }

  function test_signal_refusesSlotZeroTwice() public {
    rollupV1.setSlot(0);
    vm.startPrank(slotProposer);
    proposer.signal(hardFork);
    vm.expectRevert(abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__AlreadySignalled.selector, 0));
    proposer.signal(hardFork);
    vm.stopPrank();
    assertEq(proposer.signalCount(address(rollupV1), 0, hardFork), 1);
  }

  /// Audit F-6: an account holds no actions and could never be proposed; refused at its first signal.
  function test_signal_refusesAPayloadThatIsNotAContract() public {
    address account = makeAddr("account");
    vm.expectRevert(
      abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__PayloadNotAContract.selector, account)
    );
    vm.prank(slotProposer);
    proposer.signal(IPayload(account));
    _assertRoundEmpty(address(rollupV1), 1);
  }

  function test_signal_refusesZeroPayload() public {
    vm.expectRevert(IGovernanceProposer.GovernanceProposer__ZeroPayload.selector);
    vm.prank(slotProposer);
    proposer.signal(IPayload(address(0)));
    _assertRoundEmpty(address(rollupV1), 1);
  }

  function test_signal_refusesOldRollupProposerAfterFork() public {
    _fork();
    rollupV2.setSlot(7);
    vm.expectRevert(
      abi.encodeWithSelector(
        IGovernanceProposer.GovernanceProposer__OnlyProposer.selector,
        makeAddr("v2Proposer"),
        slotProposer
      )
    );
    vm.prank(slotProposer);
    proposer.signal(hardFork);
    _assertRoundEmpty(address(rollupV1), 1);
    _assertRoundEmpty(address(rollupV2), 1);
  }

  function test_signal_leaderIsFirstToReachTheMostSignals() public {
    _signalRound(rollupV1, 2, otherPayload, 1); // slot 10
    rollupV1.setSlot(11);
    rollupV1.setProposer(slotProposer);
    vm.prank(slotProposer);
    proposer.signal(hardFork); // 1 - 1: the first stays leader
    assertEq(address(proposer.getRound(address(rollupV1), 2).leader), address(otherPayload));
    rollupV1.setSlot(12);
    vm.prank(slotProposer);
    proposer.signal(hardFork); // 2 - 1
    assertEq(address(proposer.getRound(address(rollupV1), 2).leader), address(hardFork));
  }

  function test_fuzz_signal_countsEachSlotOnceAndTracksTheLeader(uint8[ROUND] memory picks, uint8 repeats) public {
    IPayload[3] memory payloads = [hardFork, otherPayload, _payload(2)];
    uint256[3] memory counts;
    for (uint256 i = 0; i < ROUND; ++i) {
      rollupV1.setSlot(10 + i);
      rollupV1.setProposer(slotProposer);
      uint256 pick = picks[i] % 3;
      vm.prank(slotProposer);
      proposer.signal(payloads[pick]);
      counts[pick]++;
      for (uint256 j = 0; j < repeats % 3; ++j) {
        vm.prank(slotProposer);
        vm.expectRevert(
          abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__AlreadySignalled.selector, 10 + i)
        );
        proposer.signal(payloads[(pick + j) % 3]);
      }
    }
    uint256 total;
    uint256 best;
    for (uint256 k = 0; k < 3; ++k) {
      assertEq(proposer.signalCount(address(rollupV1), 2, payloads[k]), counts[k]);
      total += counts[k];
      if (counts[k] > best) best = counts[k];
    }
    assertEq(total, ROUND, "one signal per slot");
    assertEq(proposer.getRound(address(rollupV1), 2).leaderSignals, best, "leader has the most signals");
  }

  // ---- signalWithSig ----

  function test_signalWithSig_countsARelayedProposerSignature() public {
    bytes memory sig = _sign(hardFork, address(rollupV1), 7);
    vm.prank(makeAddr("relayer"));
    assertEq(proposer.signalWithSig(hardFork, 7, sig), 1);
    assertEq(proposer.signalCount(address(rollupV1), 1, hardFork), 1);
  }

  function test_signalWithSig_refusesReplayInALaterSlot() public {
    bytes memory sig = _sign(hardFork, address(rollupV1), 7);
    proposer.signalWithSig(hardFork, 7, sig);
    rollupV1.setSlot(8);
    vm.expectRevert(abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__WrongSlot.selector, 8, 7));
    proposer.signalWithSig(hardFork, 7, sig);
    assertEq(proposer.signalCount(address(rollupV1), 1, hardFork), 1);
  }

  function test_signalWithSig_refusesSignatureOfANonProposer() public {
    (uint8 v, bytes32 r, bytes32 s) = vm.sign(0xBAD, proposer.signalDigest(hardFork, address(rollupV1), 7));
    vm.expectRevert(
      abi.encodeWithSelector(
        IGovernanceProposer.GovernanceProposer__OnlyProposer.selector,
        slotProposer,
        vm.addr(0xBAD)
      )
    );
    proposer.signalWithSig(hardFork, 7, abi.encodePacked(r, s, v));
    _assertRoundEmpty(address(rollupV1), 1);
  }

  function test_signalWithSig_refusesAMalformedSignature() public {
    vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureLength.selector, 3));
    proposer.signalWithSig(hardFork, 7, hex"010203");
    _assertRoundEmpty(address(rollupV1), 1);
  }

  function test_signalWithSig_refusesASignatureForAnotherPayload() public {
    bytes memory sig = _sign(otherPayload, address(rollupV1), 7);
    vm.expectPartialRevert(IGovernanceProposer.GovernanceProposer__OnlyProposer.selector);
    proposer.signalWithSig(hardFork, 7, sig);
    _assertRoundEmpty(address(rollupV1), 1);
  }

  function test_signalWithSig_refusesAV1SignatureAfterTheFork() public {
    bytes memory sig = _sign(hardFork, address(rollupV1), 7);
    _fork();
    rollupV2.setSlot(7);
    rollupV2.setProposer(slotProposer); // even the same key, proposing on v2: the v1 signature does not verify
    vm.expectPartialRevert(IGovernanceProposer.GovernanceProposer__OnlyProposer.selector);
    proposer.signalWithSig(hardFork, 7, sig);
    _assertRoundEmpty(address(rollupV2), 1);
  }

  // ---- submitRoundWinner ----

  function test_submitRoundWinner_proposesTheWinnerToGovernance() public {
    _signalRound(rollupV1, 0, hardFork, QUORUM);
    rollupV1.setSlot(ROUND);
    vm.prank(makeAddr("anyone"));
    uint256 id = proposer.submitRoundWinner(0);
    assertEq(address(governance.proposalPayload(id)), address(hardFork));
    assertEq(uint8(governance.state(id)), uint8(IGovernor.ProposalState.Pending));
    assertEq(governance.proposalProposer(id), address(proposer));
    assertTrue(proposer.getRound(address(rollupV1), 0).submitted);
  }

  function test_submitRoundWinner_refusesTheCurrentRound() public {
    _signalRound(rollupV1, 0, hardFork, QUORUM);
    vm.expectRevert(abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__RoundNotOver.selector, 0, 0));
    proposer.submitRoundWinner(0);
    assertFalse(proposer.getRound(address(rollupV1), 0).submitted);
  }

  function test_submitRoundWinner_refusesAfterTheLifetime() public {
    _signalRound(rollupV1, 0, hardFork, QUORUM);
    rollupV1.setSlot((LIFETIME + 1) * ROUND);
    vm.expectRevert(
      abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__RoundExpired.selector, LIFETIME, LIFETIME + 1)
    );
    proposer.submitRoundWinner(0);
    assertFalse(proposer.getRound(address(rollupV1), 0).submitted);
    rollupV1.setSlot(LIFETIME * ROUND); // the last round of the lifetime still accepts it
    proposer.submitRoundWinner(0);
  }

  function test_submitRoundWinner_refusesASecondSubmission() public {
    _propose(hardFork);
    vm.expectRevert(abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__AlreadySubmitted.selector, 0));
    proposer.submitRoundWinner(0);
    assertEq(governance.proposalCount(), 1);
  }

  function test_submitRoundWinner_refusesBelowQuorum() public {
    _signalRound(rollupV1, 0, hardFork, QUORUM - 1);
    rollupV1.setSlot(ROUND);
    vm.expectRevert(
      abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__QuorumNotReached.selector, QUORUM, QUORUM - 1)
    );
    proposer.submitRoundWinner(0);
    assertFalse(proposer.getRound(address(rollupV1), 0).submitted);
    assertEq(governance.proposalCount(), 0);
  }

  function test_submitRoundWinner_ignoresRoundsOfANonCanonicalRollup() public {
    _signalRound(rollupV1, 0, hardFork, QUORUM);
    _fork();
    rollupV2.setSlot(ROUND);
    vm.expectRevert(
      abi.encodeWithSelector(IGovernanceProposer.GovernanceProposer__QuorumNotReached.selector, QUORUM, 0)
    );
    proposer.submitRoundWinner(0);
    assertEq(governance.proposalCount(), 0);
  }
}
