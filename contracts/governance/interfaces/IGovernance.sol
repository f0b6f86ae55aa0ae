// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayload} from "./IPayload.sol";

/// @title IGovernance
/// @notice What this project adds to the OpenZeppelin Governor (SPEC section 9): proposals come only from the
///         GovernanceProposer and are built from a payload's `getActions()`; a guardian may cancel a queued
///         proposal and do nothing else. Everything else is the standard `IGovernor` surface.
interface IGovernance {
  /// @notice Emitted with the payload a proposal was built from.
  event PayloadProposed(uint256 indexed proposalId, IPayload indexed payload);
  /// @notice Emitted when the GovernanceProposer changes.
  event GovernanceProposerUpdated(address oldProposer, address newProposer);
  /// @notice Emitted when the guardian changes.
  event GuardianUpdated(address oldGuardian, address newGuardian);

  /// @notice Thrown when someone other than the GovernanceProposer proposes.
  error Governance__OnlyGovernanceProposer(address expected, address actual);
  /// @notice Thrown when the deployer-only initialisation is called by someone else.
  error Governance__OnlyDeployer(address expected, address actual);
  /// @notice Thrown when the GovernanceProposer is initialised a second time.
  error Governance__AlreadyInitialized(address governanceProposer);
  /// @notice Thrown when a zero address is given for the GovernanceProposer.
  error Governance__ZeroAddress();

  /// @notice Sets the first GovernanceProposer; once, by the deployer (the two contracts reference each other).
  /// @param governanceProposer The GovernanceProposer contract.
  /// @custom:reverts Governance__OnlyDeployer when the caller is not the deployer.
  /// @custom:reverts Governance__AlreadyInitialized when it is already set.
  /// @custom:reverts Governance__ZeroAddress for the zero address.
  function initializeGovernanceProposer(address governanceProposer) external;

  /// @notice Replaces the GovernanceProposer; only through a governance proposal (the timelock).
  /// @custom:reverts GovernorOnlyExecutor when not called by the timelock.
  /// @custom:reverts Governance__ZeroAddress for the zero address.
  function setGovernanceProposer(address governanceProposer) external;

  /// @notice Replaces the guardian (zero disables it); only through a governance proposal (the timelock).
  /// @custom:reverts GovernorOnlyExecutor when not called by the timelock.
  function setGuardian(address guardian) external;

  /// @notice Creates a proposal whose actions are `payload.getActions()`. GovernanceProposer only.
  /// @param payload The payload that won a signalling round.
  /// @param description The proposal description (the GovernanceProposer makes it unique per round).
  /// @return proposalId The Governor proposal id.
  /// @custom:reverts Governance__OnlyGovernanceProposer when the caller is not the GovernanceProposer.
  /// @custom:reverts GovernorInvalidProposalLength when the payload has no action.
  function proposePayload(IPayload payload, string calldata description) external returns (uint256 proposalId);

  /// @notice The only address that may propose.
  function governanceProposer() external view returns (address);

  /// @notice The address that may cancel a queued proposal.
  function guardian() external view returns (address);

  /// @notice Seconds a succeeded proposal may wait to be queued, and a queued one to be executed, before it expires.
  function gracePeriod() external view returns (uint256);

  /// @notice The payload proposal `proposalId` was built from (zero for none).
  function proposalPayload(uint256 proposalId) external view returns (IPayload);
}
