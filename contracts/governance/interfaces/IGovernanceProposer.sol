// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayload} from "./IPayload.sol";
import {IRoundSignalling} from "./IRoundSignalling.sol";
import {IGovernance} from "./IGovernance.sol";

/// @title IGovernanceProposer
/// @notice Signalling by sequencers (SPEC section 9): in each round of `ROUND_SIZE` slots of the canonical rollup,
///         the proposer of the current slot may signal one payload per slot, directly or through an EIP-712
///         signature relayed by anyone. A payload with at least `QUORUM_SIZE` signals in a round can be submitted
///         to Governance by anyone, once, within `LIFETIME_IN_ROUNDS` rounds after the round ends.
/// @dev Rounds are keyed by (rollup, round): each rollup version has its own slot clock, and only the rollup that
///      is canonical in the Registry when a signal or a submission happens counts. After a hard fork the old
///      rollup's proposers can no longer signal, and its unfinished rounds can no longer be submitted.
///      In a slot without a proposer (an epoch with an empty committee, e.g. committee-less bootstrap) nobody can
///      signal: the rollup reports the zero address, which neither a sender nor a recovered signer can be.
///      The round rules are `RoundSignalling`'s (execution delay 0: a round can be submitted once it ended).
interface IGovernanceProposer is IRoundSignalling {
  /// @notice What a client can read of one round.
  struct RoundView {
    /// The payload with the most signals (the first to reach the highest count).
    IPayload leader;
    /// Signals the leader received.
    uint256 leaderSignals;
    /// Whether the round's winner was submitted to Governance.
    bool submitted;
    /// Whether any signal was cast in the round.
    bool hasSignals;
    /// The last slot a signal was cast in (meaningful only when `hasSignals`).
    uint256 lastSignalSlot;
  }

  /// @notice Emitted for every counted signal.
  /// @param rollup The canonical rollup the signal was cast on.
  /// @param round The round of `rollup`'s clock.
  /// @param payload The payload signalled.
  /// @param signaler The slot's proposer.
  /// @param slot The slot of the signal.
  /// @param signals The payload's signal count in the round after this one.
  event SignalCast(
    address indexed rollup,
    uint256 indexed round,
    IPayload indexed payload,
    address signaler,
    uint256 slot,
    uint256 signals
  );

  /// @notice Emitted when a round's winner is submitted to Governance.
  event RoundWinnerSubmitted(
    address indexed rollup,
    uint256 indexed round,
    IPayload indexed payload,
    uint256 proposalId
  );

  /// @notice Thrown when the signaler is not the proposer of the current slot on the canonical rollup.
  error GovernanceProposer__OnlyProposer(address expected, address actual);
  /// @notice Thrown when a signal was already cast in the current slot.
  error GovernanceProposer__AlreadySignalled(uint256 slot);
  /// @notice Thrown when a relayed signature is for another slot than the current one.
  error GovernanceProposer__WrongSlot(uint256 expected, uint256 actual);
  /// @notice Thrown when signalling the zero address.
  error GovernanceProposer__ZeroPayload();
  /// @notice Thrown when signalling an address that holds no contract (it could never be proposed).
  error GovernanceProposer__PayloadNotAContract(address payload);
  /// @notice Thrown when the constructor is given a zero Registry or Governance.
  error GovernanceProposer__ZeroAddress();
  /// @notice Thrown when submitting a round that has not ended yet.
  error GovernanceProposer__RoundNotOver(uint256 round, uint256 currentRound);
  /// @notice Thrown when submitting a round whose lifetime has passed.
  error GovernanceProposer__RoundExpired(uint256 lastRound, uint256 currentRound);
  /// @notice Thrown when submitting a round whose winner was already submitted.
  error GovernanceProposer__AlreadySubmitted(uint256 round);
  /// @notice Thrown when the round's leader has fewer signals than the quorum.
  error GovernanceProposer__QuorumNotReached(uint256 quorum, uint256 signals);
  /// @notice Thrown by the constructor for a quorum that is not a strict majority of the round, or a zero lifetime.
  error GovernanceProposer__InvalidConfig(uint256 quorumSize, uint256 roundSize, uint256 lifetimeInRounds);

  /// @notice Signals `payload` as the proposer of the current slot of the canonical rollup.
  /// @param payload The payload to signal.
  /// @return signals The payload's signal count in the current round.
  /// @custom:reverts GovernanceProposer__ZeroPayload for the zero address.
  /// @custom:reverts GovernanceProposer__OnlyProposer when the sender is not the current proposer.
  /// @custom:reverts GovernanceProposer__AlreadySignalled when the slot already has a signal.
  function signal(IPayload payload) external returns (uint256 signals);

  /// @notice Relays the current proposer's EIP-712 signature over `Signal(payload, rollup, slot)`.
  /// @param payload The payload to signal.
  /// @param slot The slot the signature is for; must be the current slot, so a signature never replays.
  /// @param signature The proposer's 65-byte ECDSA signature over `signalDigest(payload, rollup, slot)`.
  /// @return signals The payload's signal count in the current round.
  /// @custom:reverts GovernanceProposer__ZeroPayload for the zero address.
  /// @custom:reverts GovernanceProposer__WrongSlot when `slot` is not the current slot.
  /// @custom:reverts GovernanceProposer__OnlyProposer when the signer is not the current proposer.
  /// @custom:reverts GovernanceProposer__AlreadySignalled when the slot already has a signal.
  function signalWithSig(IPayload payload, uint256 slot, bytes calldata signature) external returns (uint256 signals);

  /// @notice Submits round `round`'s winner on the canonical rollup to Governance as a proposal (anyone may call).
  /// @param round A round of the canonical rollup's clock that has ended.
  /// @return proposalId The Governor proposal id.
  /// @custom:reverts GovernanceProposer__RoundNotOver when `round` is the current round or later.
  /// @custom:reverts GovernanceProposer__RoundExpired when more than `LIFETIME_IN_ROUNDS` rounds have passed.
  /// @custom:reverts GovernanceProposer__AlreadySubmitted when the round's winner was already submitted.
  /// @custom:reverts GovernanceProposer__QuorumNotReached when no payload reached `QUORUM_SIZE` signals.
  function submitRoundWinner(uint256 round) external returns (uint256 proposalId);

  /// @notice The EIP-712 digest a proposer signs to signal `payload` on `rollup` in `slot`.
  function signalDigest(IPayload payload, address rollup, uint256 slot) external view returns (bytes32);

  /// @notice What is known of `round` on `rollup`.
  function getRound(address rollup, uint256 round) external view returns (RoundView memory);

  /// @notice The signals `payload` received in `round` on `rollup`.
  function signalCount(address rollup, uint256 round, IPayload payload) external view returns (uint256);

  /// @notice The Governance that receives round winners.
  function GOVERNANCE() external view returns (IGovernance);
}
