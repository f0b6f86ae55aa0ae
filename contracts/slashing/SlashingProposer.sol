// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRollup, RollupConfig} from "../core/interfaces/IRollup.sol";
import {IRegistry} from "../governance/interfaces/IRegistry.sol";
import {RoundSignalling} from "../governance/RoundSignalling.sol";
import {ISlashPayload} from "./interfaces/ISlashPayload.sol";
import {ISlasher} from "./interfaces/ISlasher.sol";
import {ISlashingProposer} from "./interfaces/ISlashingProposer.sol";

/// @title SlashingProposer
/// @notice Proposers signal slash payloads in rounds; a round's winner (N of M signals) goes to the Slasher after
///         the execution delay (the veto window). The rounds are `RoundSignalling`'s, shared with
///         `GovernanceProposer`; here M must also be a non-zero multiple of the canonical rollup's epoch length.
contract SlashingProposer is ISlashingProposer, RoundSignalling {
  /// @dev keccak256("SlashSignal(address payload,address rollup,uint256 slot)")
  bytes32 public constant SIGNAL_TYPEHASH = keccak256("SlashSignal(address payload,address rollup,uint256 slot)");

  /// @inheritdoc ISlashingProposer
  ISlasher public immutable SLASHER;
  uint256 private immutable _MINIMUM_EXIT_DELAY;

  /// @param registry The Registry whose canonical rollup's proposers signal.
  /// @param slasher The Slasher that executes round winners (its `PROPOSER` must be this contract).
  /// @param quorumSize N: more than half of `roundSize`, at most `roundSize`.
  /// @param roundSize M: slots per round, a non-zero multiple of the canonical rollup's epoch length.
  /// @param lifetimeInRounds Rounds after a round during which its winner can execute; > `executionDelayInRounds`.
  /// @param executionDelayInRounds Rounds after a round before its winner can execute (the veto window).
  /// @dev The canonical rollup's escrow must have an exit delay above `minimumExitDelay()` (nobody escapes a slash).
  constructor(
    IRegistry registry,
    ISlasher slasher,
    uint256 quorumSize,
    uint256 roundSize,
    uint256 lifetimeInRounds,
    uint256 executionDelayInRounds
  )
    RoundSignalling(
      "SlashingProposer",
      SIGNAL_TYPEHASH,
      SlashSignalCast.selector,
      RoundConfig(registry, address(slasher), quorumSize, roundSize, lifetimeInRounds, executionDelayInRounds),
      RoundErrors({
        zeroAddress: SlashingProposer__ZeroAddress.selector,
        onlyProposer: SlashingProposer__OnlyProposer.selector,
        wrongSlot: SlashingProposer__WrongSlot.selector,
        alreadySignalled: SlashingProposer__AlreadySignalled.selector,
        zeroPayload: SlashingProposer__ZeroPayload.selector,
        payloadNotAContract: SlashingProposer__PayloadNotAContract.selector,
        roundExpired: SlashingProposer__RoundExpired.selector,
        alreadyClosed: SlashingProposer__AlreadyExecuted.selector,
        quorumNotReached: SlashingProposer__QuorumNotReached.selector
      })
    )
  {
    RollupConfig memory rollup = IRollup(registry.getCanonicalRollup()).getConfig();
    uint256 epochDuration = rollup.epochDuration;
    if (epochDuration == 0 || roundSize % epochDuration != 0) {
      revert SlashingProposer__RoundNotEpochAligned(roundSize, epochDuration);
    }
    uint256 minimum =
      uint256(rollup.slotDuration) *
        ((2 + rollup.proofs.proofSubmissionEpochs) * epochDuration + (2 + executionDelayInRounds) * roundSize);
    uint256 exitDelay = rollup.escrow.exitDelay();
    if (exitDelay <= minimum) revert SlashingProposer__ExitDelayTooShort(minimum, exitDelay);
    SLASHER = slasher;
    _MINIMUM_EXIT_DELAY = minimum;
  }

  /// @inheritdoc ISlashingProposer
  function minimumExitDelay() external view override returns (uint256) {
    return _MINIMUM_EXIT_DELAY;
  }

  /// @inheritdoc ISlashingProposer
  function signal(ISlashPayload payload) external override returns (uint256) {
    return _signalAsSender(address(payload));
  }

  /// @inheritdoc ISlashingProposer
  function signalWithSig(
    ISlashPayload payload,
    uint256 slot,
    bytes calldata signature
  ) external override returns (uint256) {
    return _signalWithSig(address(payload), slot, signature);
  }

  /// @inheritdoc ISlashingProposer
  function executeRound(uint256 round) external override returns (uint256 slashed) {
    (address rollup, address winner) = _closeRound(round);
    slashed = SLASHER.slash(ISlashPayload(winner));
    emit RoundExecuted(rollup, round, ISlashPayload(winner), slashed);
  }

  /// @inheritdoc ISlashingProposer
  function signalDigest(ISlashPayload payload, address rollup, uint256 slot) external view override returns (bytes32) {
    return _signalDigest(address(payload), rollup, slot);
  }

  /// @inheritdoc ISlashingProposer
  function getRound(address rollup, uint256 round) external view override returns (RoundView memory v) {
    address leader;
    (leader, v.leaderSignals, v.executed, v.hasSignals, v.lastSignalSlot) = _roundView(rollup, round);
    v.leader = ISlashPayload(leader);
  }

  /// @inheritdoc ISlashingProposer
  function signalCount(address rollup, uint256 round, ISlashPayload payload) external view override returns (uint256) {
    return _signalCount(rollup, round, address(payload));
  }

  function _revertInvalidConfig(RoundConfig memory c) internal pure override {
    revert SlashingProposer__InvalidConfig(c.quorumSize, c.roundSize, c.lifetimeInRounds, c.executionDelayInRounds);
  }

  function _revertRoundNotReady(uint256 round, uint256 firstRound, uint256 currentRound) internal pure override {
    revert SlashingProposer__RoundNotExecutable(round, firstRound, currentRound);
  }
}
