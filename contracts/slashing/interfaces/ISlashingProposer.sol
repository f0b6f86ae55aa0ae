// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRoundSignalling} from "../../governance/interfaces/IRoundSignalling.sol";
import {ISlashPayload} from "./ISlashPayload.sol";
import {ISlasher} from "./ISlasher.sol";

/// @title ISlashingProposer
/// @notice Slash rounds (SPEC section 8): in each round of `ROUND_SIZE` slots (a multiple of the epoch length) of
///         the canonical rollup, the proposer of the current slot may signal one slash payload per slot, directly
///         or through a relayed EIP-712 signature. A payload with at least `QUORUM_SIZE` signals wins its round;
///         anyone may hand it to the Slasher once `EXECUTION_DELAY_IN_ROUNDS` rounds have passed after the round
///         (the veto window) and at most `LIFETIME_IN_ROUNDS` rounds after it.
/// @dev The round rules are `RoundSignalling`'s, shared with `GovernanceProposer` (rounds keyed by (rollup, round),
///      one storage word per round for leader, executed flag and last signalled slot).
interface ISlashingProposer is IRoundSignalling {
  /// @notice What a client can read of one round.
  struct RoundView {
    ISlashPayload leader;
    uint256 leaderSignals;
    bool executed;
    bool hasSignals;
    uint256 lastSignalSlot;
  }

  /// @notice Emitted for every counted signal.
  event SlashSignalCast(
    address indexed rollup,
    uint256 indexed round,
    ISlashPayload indexed payload,
    address signaler,
    uint256 slot,
    uint256 signals
  );
  /// @notice Emitted when a round's winner is handed to the Slasher; `slashed` attesters were slashed.
  event RoundExecuted(address indexed rollup, uint256 indexed round, ISlashPayload indexed payload, uint256 slashed);

  /// @notice Thrown when the signaler is not the proposer of the current slot on the canonical rollup.
  error SlashingProposer__OnlyProposer(address expected, address actual);
  /// @notice Thrown when a signal was already cast in the current slot.
  error SlashingProposer__AlreadySignalled(uint256 slot);
  /// @notice Thrown when a relayed signature is for another slot than the current one.
  error SlashingProposer__WrongSlot(uint256 expected, uint256 actual);
  /// @notice Thrown when signalling the zero address.
  error SlashingProposer__ZeroPayload();
  /// @notice Thrown when signalling an address that holds no contract.
  error SlashingProposer__PayloadNotAContract(address payload);
  /// @notice Thrown by the constructor for a zero Registry or Slasher.
  error SlashingProposer__ZeroAddress();
  /// @notice Thrown by the constructor unless roundSize/2 < quorumSize <= roundSize and
  ///         executionDelayInRounds < lifetimeInRounds.
  error SlashingProposer__InvalidConfig(
    uint256 quorumSize,
    uint256 roundSize,
    uint256 lifetimeInRounds,
    uint256 executionDelayInRounds
  );
  /// @notice Thrown by the constructor when the round is not a non-zero multiple of the rollup's epoch length.
  error SlashingProposer__RoundNotEpochAligned(uint256 roundSize, uint256 epochDuration);
  /// @notice Thrown by the constructor when the escrow's exit delay is not longer than `minimumExitDelay()`: an
  ///         attester of an epoch could then be paid out before a slash for that epoch can execute.
  error SlashingProposer__ExitDelayTooShort(uint256 minimumExitDelay, uint256 exitDelay);
  /// @notice Thrown when executing a round before its execution delay has passed.
  error SlashingProposer__RoundNotExecutable(uint256 round, uint256 firstRound, uint256 currentRound);
  /// @notice Thrown when executing a round whose lifetime has passed.
  error SlashingProposer__RoundExpired(uint256 lastRound, uint256 currentRound);
  /// @notice Thrown when executing a round that was executed already.
  error SlashingProposer__AlreadyExecuted(uint256 round);
  /// @notice Thrown when the round's leader has fewer signals than the quorum.
  error SlashingProposer__QuorumNotReached(uint256 quorum, uint256 signals);

  /// @notice Signals `payload` as the proposer of the current slot of the canonical rollup.
  /// @param payload The slash payload.
  /// @return signals The payload's signal count in the current round.
  /// @custom:reverts SlashingProposer__OnlyProposer when the sender is not the current proposer.
  /// @custom:reverts SlashingProposer__ZeroPayload for the zero address.
  /// @custom:reverts SlashingProposer__AlreadySignalled when the slot already has a signal.
  /// @custom:reverts SlashingProposer__PayloadNotAContract for an address without code.
  function signal(ISlashPayload payload) external returns (uint256 signals);

  /// @notice Relays the current proposer's EIP-712 signature over `SlashSignal(payload, rollup, slot)`.
  /// @param payload The slash payload.
  /// @param slot The current slot (a signature never replays).
  /// @param signature 65-byte ECDSA signature over `signalDigest(payload, rollup, slot)`.
  /// @return signals The payload's signal count in the current round.
  /// @custom:reverts SlashingProposer__WrongSlot when `slot` is not the current slot.
  /// @custom:reverts SlashingProposer__OnlyProposer when the signer is not the current proposer.
  /// @custom:reverts SlashingProposer__AlreadySignalled when the slot already has a signal.
  function signalWithSig(ISlashPayload payload, uint256 slot, bytes calldata signature) external returns (uint256);

  /// @notice Hands round `round`'s winner on the canonical rollup to the Slasher (anyone may call).
  /// @param round A round at least `EXECUTION_DELAY_IN_ROUNDS + 1` and at most `LIFETIME_IN_ROUNDS` rounds old.
  /// @return slashed The number of attesters slashed.
  /// @custom:reverts SlashingProposer__RoundNotExecutable before the delay has passed.
  /// @custom:reverts SlashingProposer__RoundExpired after the lifetime.
  /// @custom:reverts SlashingProposer__AlreadyExecuted when executed before.
  /// @custom:reverts SlashingProposer__QuorumNotReached when no payload reached the quorum.
  function executeRound(uint256 round) external returns (uint256 slashed);

  /// @notice The EIP-712 digest a proposer signs to signal `payload` on `rollup` in `slot`.
  function signalDigest(ISlashPayload payload, address rollup, uint256 slot) external view returns (bytes32);

  /// @notice What is known of `round` on `rollup`.
  function getRound(address rollup, uint256 round) external view returns (RoundView memory);

  /// @notice The signals `payload` received in `round` on `rollup`.
  function signalCount(address rollup, uint256 round, ISlashPayload payload) external view returns (uint256);

  /// @notice The Slasher that executes winners.
  function SLASHER() external view returns (ISlasher);

  /// @notice The exit delay the escrow must exceed (checked at construction), in seconds: the longest time from
  ///         the earliest moment an attester of an epoch E can start its exit (the start of epoch E-1: committees
  ///         read the set with a lag, so it still sits on E's committee) until a slash for E can execute: E-1 and
  ///         E, the proof submission window (after which E can be pruned), up to one round until the next round
  ///         starts, that round, and the execution delay (the veto window).
  ///         `slotDuration * ((2 + proofSubmissionEpochs) * epochDuration + (2 + executionDelayInRounds) * roundSize)`
  ///         of the canonical rollup at construction.
  function minimumExitDelay() external view returns (uint256);
}
