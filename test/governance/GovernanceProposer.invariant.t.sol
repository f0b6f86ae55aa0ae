// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {GovernanceBase} from "./GovernanceBase.sol";
import {GovernanceProposer} from "../../contracts/governance/GovernanceProposer.sol";
import {IPayload} from "../../contracts/governance/interfaces/IPayload.sol";
import {GovernanceRollupStub} from "../../contracts/mocks/GovernanceRollupStub.sol";

/// @notice Drives the GovernanceProposer with random slots, signals (also repeated and by non-proposers) and
///         submissions, and keeps a ghost count of the slots that carried a signal.
contract GovernanceProposerHandler is Test {
  GovernanceProposer internal immutable PROPOSER;
  GovernanceRollupStub internal immutable ROLLUP;
  IPayload[3] internal payloads;

  uint256 public slot;
  uint256 public maxRound;
  mapping(uint256 round => uint256) public ghostSignalledSlots;
  mapping(uint256 round => mapping(uint256 index => uint256)) public ghostSignals;
  mapping(uint256 round => uint256) public ghostSubmissions;
  uint256 public ghostWronglyAccepted;

  constructor(GovernanceProposer proposer_, GovernanceRollupStub rollup_, IPayload[3] memory payloads_) {
    PROPOSER = proposer_;
    ROLLUP = rollup_;
    payloads = payloads_;
    ROLLUP.setProposer(_proposerOf(0));
  }

  function advance(uint8 slots) external {
    slot += bound(slots, 1, 4);
    ROLLUP.setSlot(slot);
    ROLLUP.setProposer(_proposerOf(slot));
    uint256 round = PROPOSER.computeRound(slot);
    if (round > maxRound) maxRound = round;
  }

  function signal(uint8 index, bool asProposer) external {
    address sender = asProposer ? _proposerOf(slot) : address(0xBAD);
    uint256 round = PROPOSER.computeRound(slot);
    bool first =
      PROPOSER.getRound(address(ROLLUP), round).lastSignalSlot != slot ||
        !PROPOSER.getRound(address(ROLLUP), round).hasSignals;
    vm.prank(sender);
    try PROPOSER.signal(payloads[index % 3]) {
      if (!(asProposer && first)) ghostWronglyAccepted++;
      ghostSignalledSlots[round]++;
      ghostSignals[round][index % 3]++;
    } catch {}
  }

  function submit(uint256 round) external {
    round = bound(round, 0, maxRound);
    try PROPOSER.submitRoundWinner(round) {
      ghostSubmissions[round]++;
    } catch {}
  }

  function payloadAt(uint256 index) external view returns (IPayload) {
    return payloads[index];
  }

  function _proposerOf(uint256 s) internal pure returns (address) {
    return address(uint160(0x1000 + (s % 7)));
  }
}

contract GovernanceProposerInvariantTest is GovernanceBase {
  GovernanceProposerHandler internal handler;

  function setUp() public override {
    super.setUp();
    handler = new GovernanceProposerHandler(
      proposer,
      rollupV1,
      [IPayload(address(hardFork)), _payload(1), _payload(2)]
    );
    targetContract(address(handler));
  }

  /// A signal counts once per slot: a round's counts add up to the slots that carried a signal.
  function invariant_signalsCountOncePerSlot() public view {
    assertEq(handler.ghostWronglyAccepted(), 0, "a non-proposer or a second signal in a slot was accepted");
    for (uint256 round = 0; round <= handler.maxRound(); ++round) {
      uint256 total;
      uint256 best;
      for (uint256 i = 0; i < 3; ++i) {
        uint256 count = proposer.signalCount(address(rollupV1), round, handler.payloadAt(i));
        assertEq(count, handler.ghostSignals(round, i), "per-payload count");
        total += count;
        if (count > best) best = count;
      }
      assertEq(total, handler.ghostSignalledSlots(round), "one signal per slot");
      assertLe(total, ROUND, "at most M signals in a round");
      assertEq(proposer.getRound(address(rollupV1), round).leaderSignals, best, "the leader has the most signals");
    }
  }

  /// A round's winner is submitted at most once.
  function invariant_roundSubmittedAtMostOnce() public view {
    for (uint256 round = 0; round <= handler.maxRound(); ++round) {
      assertLe(handler.ghostSubmissions(round), 1);
      assertEq(proposer.getRound(address(rollupV1), round).submitted, handler.ghostSubmissions(round) == 1);
    }
  }
}
