// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRollup} from "../core/interfaces/IRollup.sol";
import {Slot} from "../core/libraries/TimeLib.sol";
import {IRegistry} from "../governance/interfaces/IRegistry.sol";
import {ISlashPayload} from "./interfaces/ISlashPayload.sol";
import {ISlasher} from "./interfaces/ISlasher.sol";
import {ISlashingProposer} from "./interfaces/ISlashingProposer.sol";

/// @title SlashingProposer
/// @notice Proposers signal slash payloads in rounds; a round's winner (N of M signals) goes to the Slasher after
///         the execution delay. The signalling follows `GovernanceProposer` (one word per round: leader, executed
///         flag, last signalled slot + 1).
contract SlashingProposer is ISlashingProposer, EIP712 {
  /// @dev keccak256("SlashSignal(address payload,address rollup,uint256 slot)")
  bytes32 public constant SIGNAL_TYPEHASH = keccak256("SlashSignal(address payload,address rollup,uint256 slot)");

  struct Round {
    ISlashPayload leader;
    bool executed;
    uint64 lastSignalSlotPlusOne;
    mapping(ISlashPayload payload => uint256 signals) signals;
  }

  /// @inheritdoc ISlashingProposer
  IRegistry public immutable REGISTRY;
  /// @inheritdoc ISlashingProposer
  ISlasher public immutable SLASHER;
  /// @inheritdoc ISlashingProposer
  uint256 public immutable QUORUM_SIZE;
  /// @inheritdoc ISlashingProposer
  uint256 public immutable ROUND_SIZE;
  /// @inheritdoc ISlashingProposer
  uint256 public immutable LIFETIME_IN_ROUNDS;
  /// @inheritdoc ISlashingProposer
  uint256 public immutable EXECUTION_DELAY_IN_ROUNDS;

  mapping(address rollup => mapping(uint256 round => Round)) private _rounds;

  /// @param registry The Registry whose canonical rollup's proposers signal.
  /// @param slasher The Slasher that executes round winners (its `PROPOSER` must be this contract).
  /// @param quorumSize N: more than half of `roundSize`, at most `roundSize`.
  /// @param roundSize M: slots per round, a non-zero multiple of the canonical rollup's epoch length.
  /// @param lifetimeInRounds Rounds after a round during which its winner can execute; > `executionDelayInRounds`.
  /// @param executionDelayInRounds Rounds after a round before its winner can execute (the veto window).
  constructor(
    IRegistry registry,
    ISlasher slasher,
    uint256 quorumSize,
    uint256 roundSize,
    uint256 lifetimeInRounds,
    uint256 executionDelayInRounds
  ) EIP712("SlashingProposer", "1") {
    if (address(registry) == address(0) || address(slasher) == address(0)) revert SlashingProposer__ZeroAddress();
    if (quorumSize <= roundSize / 2 || quorumSize > roundSize || executionDelayInRounds >= lifetimeInRounds) {
      revert SlashingProposer__InvalidConfig(quorumSize, roundSize, lifetimeInRounds, executionDelayInRounds);
    }
    uint256 epochDuration = IRollup(registry.getCanonicalRollup()).getConfig().epochDuration;
    if (epochDuration == 0 || roundSize % epochDuration != 0) {
      revert SlashingProposer__RoundNotEpochAligned(roundSize, epochDuration);
    }
    REGISTRY = registry;
    SLASHER = slasher;
    QUORUM_SIZE = quorumSize;
    ROUND_SIZE = roundSize;
    LIFETIME_IN_ROUNDS = lifetimeInRounds;
    EXECUTION_DELAY_IN_ROUNDS = executionDelayInRounds;
  }

  /// @inheritdoc ISlashingProposer
  function signal(ISlashPayload payload) external override returns (uint256) {
    (address rollup, uint256 slot, address proposer) = _currentSlot();
    if (msg.sender != proposer) revert SlashingProposer__OnlyProposer(proposer, msg.sender);
    return _signal(rollup, slot, proposer, payload);
  }

  /// @inheritdoc ISlashingProposer
  function signalWithSig(
    ISlashPayload payload,
    uint256 slot,
    bytes calldata signature
  ) external override returns (uint256) {
    (address rollup, uint256 currentSlot, address proposer) = _currentSlot();
    if (slot != currentSlot) revert SlashingProposer__WrongSlot(currentSlot, slot);
    address signer = ECDSA.recover(_signalDigest(payload, rollup, slot), signature);
    if (signer != proposer) revert SlashingProposer__OnlyProposer(proposer, signer);
    return _signal(rollup, slot, proposer, payload);
  }

  /// @inheritdoc ISlashingProposer
  function executeRound(uint256 round) external override returns (uint256 slashed) {
    address rollup = REGISTRY.getCanonicalRollup();
    uint256 currentRound = _roundOf(Slot.unwrap(IRollup(rollup).getCurrentSlot()));
    if (currentRound <= round + EXECUTION_DELAY_IN_ROUNDS) {
      revert SlashingProposer__RoundNotExecutable(round, round + EXECUTION_DELAY_IN_ROUNDS + 1, currentRound);
    }
    if (currentRound - round > LIFETIME_IN_ROUNDS) {
      revert SlashingProposer__RoundExpired(round + LIFETIME_IN_ROUNDS, currentRound);
    }
    Round storage r = _rounds[rollup][round];
    if (r.executed) revert SlashingProposer__AlreadyExecuted(round);
    ISlashPayload winner = r.leader;
    uint256 signals = r.signals[winner];
    if (signals < QUORUM_SIZE) revert SlashingProposer__QuorumNotReached(QUORUM_SIZE, signals);

    r.executed = true;
    slashed = SLASHER.slash(winner);
    emit RoundExecuted(rollup, round, winner, slashed);
  }

  /// @inheritdoc ISlashingProposer
  function signalDigest(ISlashPayload payload, address rollup, uint256 slot) external view override returns (bytes32) {
    return _signalDigest(payload, rollup, slot);
  }

  /// @inheritdoc ISlashingProposer
  function getCurrentRound() external view override returns (uint256) {
    return _roundOf(Slot.unwrap(IRollup(REGISTRY.getCanonicalRollup()).getCurrentSlot()));
  }

  /// @inheritdoc ISlashingProposer
  function computeRound(uint256 slot) external view override returns (uint256) {
    return _roundOf(slot);
  }

  /// @inheritdoc ISlashingProposer
  function getRound(address rollup, uint256 round) external view override returns (RoundView memory view_) {
    Round storage r = _rounds[rollup][round];
    view_.leader = r.leader;
    view_.leaderSignals = r.signals[r.leader];
    view_.executed = r.executed;
    view_.hasSignals = r.lastSignalSlotPlusOne != 0;
    view_.lastSignalSlot = view_.hasSignals ? r.lastSignalSlotPlusOne - 1 : 0;
  }

  /// @inheritdoc ISlashingProposer
  function signalCount(address rollup, uint256 round, ISlashPayload payload) external view override returns (uint256) {
    return _rounds[rollup][round].signals[payload];
  }

  function _signal(address rollup, uint256 slot, address proposer, ISlashPayload payload) private returns (uint256) {
    if (address(payload) == address(0)) revert SlashingProposer__ZeroPayload();
    uint256 round = _roundOf(slot);
    Round storage r = _rounds[rollup][round];
    // Slots only grow, so "a signal in this slot already" is "the last signal was in this slot".
    if (r.lastSignalSlotPlusOne == slot + 1) revert SlashingProposer__AlreadySignalled(slot);
    r.lastSignalSlotPlusOne = SafeCast.toUint64(slot + 1);
    uint256 signals = r.signals[payload];
    if (signals == 0 && address(payload).code.length == 0) {
      revert SlashingProposer__PayloadNotAContract(address(payload));
    }
    r.signals[payload] = ++signals;
    if (r.leader != payload && signals > r.signals[r.leader]) r.leader = payload;
    emit SlashSignalCast(rollup, round, payload, proposer, slot, signals);
    return signals;
  }

  function _currentSlot() private view returns (address rollup, uint256 slot, address proposer) {
    rollup = REGISTRY.getCanonicalRollup();
    slot = Slot.unwrap(IRollup(rollup).getCurrentSlot());
    proposer = IRollup(rollup).getCurrentProposer();
  }

  function _signalDigest(ISlashPayload payload, address rollup, uint256 slot) private view returns (bytes32) {
    return _hashTypedDataV4(keccak256(abi.encode(SIGNAL_TYPEHASH, payload, rollup, slot)));
  }

  function _roundOf(uint256 slot) private view returns (uint256) {
    return slot / ROUND_SIZE;
  }
}
