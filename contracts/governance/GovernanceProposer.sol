// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRollup} from "../core/interfaces/IRollup.sol";
import {Slot} from "../core/libraries/TimeLib.sol";
import {IGovernanceProposer} from "./interfaces/IGovernanceProposer.sol";
import {IGovernance} from "./interfaces/IGovernance.sol";
import {IPayload} from "./interfaces/IPayload.sol";
import {IRegistry} from "./interfaces/IRegistry.sol";

/// @title GovernanceProposer
/// @notice Sequencers signal payloads; a payload signalled in at least N of a round's M slots becomes a proposal.
/// @dev Requiring N > M/2 means at most one payload can win a round. Per round, one storage word holds the leader,
///      the submitted flag and the last signalled slot (+1, so slot 0 is distinguishable from "none"); a signal
///      writes that word and the payload's counter.
contract GovernanceProposer is IGovernanceProposer, EIP712 {
  /// @dev keccak256("Signal(address payload,address rollup,uint256 slot)")
  bytes32 public constant SIGNAL_TYPEHASH = keccak256("Signal(address payload,address rollup,uint256 slot)");

  struct Round {
    IPayload leader;
    bool submitted;
    uint64 lastSignalSlotPlusOne;
    mapping(IPayload payload => uint256 signals) signals;
  }

  /// @inheritdoc IGovernanceProposer
  IRegistry public immutable REGISTRY;
  /// @inheritdoc IGovernanceProposer
  IGovernance public immutable GOVERNANCE;
  /// @inheritdoc IGovernanceProposer
  uint256 public immutable QUORUM_SIZE;
  /// @inheritdoc IGovernanceProposer
  uint256 public immutable ROUND_SIZE;
  /// @inheritdoc IGovernanceProposer
  uint256 public immutable LIFETIME_IN_ROUNDS;

  mapping(address rollup => mapping(uint256 round => Round)) private _rounds;

  /// @param registry The Registry whose canonical rollup's proposers signal.
  /// @param governance The Governance that receives round winners.
  /// @param quorumSize N: signals a payload needs in a round; more than half of `roundSize`.
  /// @param roundSize M: slots per round.
  /// @param lifetimeInRounds Rounds after a round's end during which its winner can be submitted (at least 1).
  constructor(
    IRegistry registry,
    IGovernance governance,
    uint256 quorumSize,
    uint256 roundSize,
    uint256 lifetimeInRounds
  ) EIP712("GovernanceProposer", "1") {
    if (address(registry) == address(0) || address(governance) == address(0)) {
      revert GovernanceProposer__ZeroAddress();
    }
    if (quorumSize <= roundSize / 2 || quorumSize > roundSize || lifetimeInRounds == 0) {
      revert GovernanceProposer__InvalidConfig(quorumSize, roundSize, lifetimeInRounds);
    }
    REGISTRY = registry;
    GOVERNANCE = governance;
    QUORUM_SIZE = quorumSize;
    ROUND_SIZE = roundSize;
    LIFETIME_IN_ROUNDS = lifetimeInRounds;
  }

  /// @inheritdoc IGovernanceProposer
  function signal(IPayload payload) external override returns (uint256) {
    (address rollup, uint256 slot, address proposer) = _currentSlot();
    if (msg.sender != proposer) revert GovernanceProposer__OnlyProposer(proposer, msg.sender);
    return _signal(rollup, slot, proposer, payload);
  }

  /// @inheritdoc IGovernanceProposer
  function signalWithSig(IPayload payload, uint256 slot, bytes calldata signature) external override returns (uint256) {
    (address rollup, uint256 currentSlot, address proposer) = _currentSlot();
    if (slot != currentSlot) revert GovernanceProposer__WrongSlot(currentSlot, slot);
    address signer = ECDSA.recover(_signalDigest(payload, rollup, slot), signature);
    if (signer != proposer) revert GovernanceProposer__OnlyProposer(proposer, signer);
    return _signal(rollup, slot, proposer, payload);
  }

  /// @inheritdoc IGovernanceProposer
  function submitRoundWinner(uint256 round) external override returns (uint256 proposalId) {
    address rollup = REGISTRY.getCanonicalRollup();
    uint256 currentRound = _roundOf(Slot.unwrap(IRollup(rollup).getCurrentSlot()));
    if (round >= currentRound) revert GovernanceProposer__RoundNotOver(round, currentRound);
    if (currentRound - round > LIFETIME_IN_ROUNDS) {
      revert GovernanceProposer__RoundExpired(round + LIFETIME_IN_ROUNDS, currentRound);
    }
    Round storage r = _rounds[rollup][round];
    if (r.submitted) revert GovernanceProposer__AlreadySubmitted(round);
    IPayload winner = r.leader;
    uint256 signals = r.signals[winner];
    if (signals < QUORUM_SIZE) revert GovernanceProposer__QuorumNotReached(QUORUM_SIZE, signals);

    r.submitted = true;
    proposalId = GOVERNANCE.proposePayload(winner, _description(rollup, round, winner));
    emit RoundWinnerSubmitted(rollup, round, winner, proposalId);
  }

  /// @inheritdoc IGovernanceProposer
  function signalDigest(IPayload payload, address rollup, uint256 slot) external view override returns (bytes32) {
    return _signalDigest(payload, rollup, slot);
  }

  /// @inheritdoc IGovernanceProposer
  function getCurrentRound() external view override returns (uint256) {
    return _roundOf(Slot.unwrap(IRollup(REGISTRY.getCanonicalRollup()).getCurrentSlot()));
  }

  /// @inheritdoc IGovernanceProposer
  function computeRound(uint256 slot) external view override returns (uint256) {
    return _roundOf(slot);
  }

  /// @inheritdoc IGovernanceProposer
  function getRound(address rollup, uint256 round) external view override returns (RoundView memory view_) {
    Round storage r = _rounds[rollup][round];
    view_.leader = r.leader;
    view_.leaderSignals = r.signals[r.leader];
    view_.submitted = r.submitted;
    view_.hasSignals = r.lastSignalSlotPlusOne != 0;
    view_.lastSignalSlot = view_.hasSignals ? r.lastSignalSlotPlusOne - 1 : 0;
  }

  /// @inheritdoc IGovernanceProposer
  function signalCount(address rollup, uint256 round, IPayload payload) external view override returns (uint256) {
    return _rounds[rollup][round].signals[payload];
  }

  function _signal(address rollup, uint256 slot, address proposer, IPayload payload) private returns (uint256) {
    if (address(payload) == address(0)) revert GovernanceProposer__ZeroPayload();
    uint256 round = _roundOf(slot);
    Round storage r = _rounds[rollup][round];
    // Slots only grow, so "a signal in this slot already" is "the last signal was in this slot".
    if (r.lastSignalSlotPlusOne == slot + 1) revert GovernanceProposer__AlreadySignalled(slot);
    r.lastSignalSlotPlusOne = SafeCast.toUint64(slot + 1);
    uint256 signals = r.signals[payload];
    // Checked at a payload's first signal of the round only, so later signals do not pay for EXTCODESIZE.
    if (signals == 0 && address(payload).code.length == 0)
      revert GovernanceProposer__PayloadNotAContract(address(payload));
    r.signals[payload] = ++signals;
    if (r.leader != payload && signals > r.signals[r.leader]) r.leader = payload;
    emit SignalCast(rollup, round, payload, proposer, slot, signals);
    return signals;
  }

  function _currentSlot() private view returns (address rollup, uint256 slot, address proposer) {
    rollup = REGISTRY.getCanonicalRollup();
    slot = Slot.unwrap(IRollup(rollup).getCurrentSlot());
    proposer = IRollup(rollup).getCurrentProposer();
  }

  function _signalDigest(IPayload payload, address rollup, uint256 slot) private view returns (bytes32) {
    return _hashTypedDataV4(keccak256(abi.encode(SIGNAL_TYPEHASH, payload, rollup, slot)));
  }

  function _roundOf(uint256 slot) private view returns (uint256) {
    return slot / ROUND_SIZE;
  }

  function _description(address rollup, uint256 round, IPayload payload) private pure returns (string memory) {
    return
      string.concat(
        "Payload ",
        Strings.toHexString(address(payload)),
        " won signalling round ",
        Strings.toString(round),
        " of rollup ",
        Strings.toHexString(rollup)
      );
  }
}
