// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRegistry} from "./IRegistry.sol";

/// @title IRoundSignalling
/// @notice What `GovernanceProposer` and `SlashingProposer` share (Aztec's EmpireBase pattern): rounds of
///         `ROUND_SIZE` slots of the Registry's canonical rollup, in each of which the proposer of the current slot
///         may signal one payload per slot; a payload with at least `QUORUM_SIZE` signals (more than half the
///         round) wins it and can be acted on once, after `EXECUTION_DELAY_IN_ROUNDS` further rounds and at most
///         `LIFETIME_IN_ROUNDS` rounds after it. The typed signal functions, events and errors are each
///         contract's own (see `IGovernanceProposer`, `ISlashingProposer`).
interface IRoundSignalling {
  /// @notice The current round of the canonical rollup's clock.
  /// @return round `getCurrentSlot() / ROUND_SIZE` of the canonical rollup.
  function getCurrentRound() external view returns (uint256 round);

  /// @notice The round that contains `slot`.
  /// @param slot A slot of a rollup's clock.
  /// @return round `slot / ROUND_SIZE`.
  function computeRound(uint256 slot) external view returns (uint256 round);

  /// @notice The Registry whose canonical rollup's proposers may signal.
  function REGISTRY() external view returns (IRegistry);

  /// @notice Signals a payload needs in one round (N, with M/2 < N <= M).
  function QUORUM_SIZE() external view returns (uint256);

  /// @notice Slots per round (M).
  function ROUND_SIZE() external view returns (uint256);

  /// @notice Rounds after a round during which its winner can still be acted on (submitted or executed).
  function LIFETIME_IN_ROUNDS() external view returns (uint256);

  /// @notice Rounds that must pass after a round before its winner can be acted on (0 for governance: the round's
  ///         end is enough; the veto window for slashing). Always below `LIFETIME_IN_ROUNDS`.
  function EXECUTION_DELAY_IN_ROUNDS() external view returns (uint256);
}
