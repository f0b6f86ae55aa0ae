// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorStorage} from "@openzeppelin/contracts/governance/extensions/GovernorStorage.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
// solhint-disable-next-line max-line-length
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IGovernance} from "./interfaces/IGovernance.sol";
import {IPayload} from "./interfaces/IPayload.sol";

/// @title Governance
/// @notice OpenZeppelin Governor over the StakingEscrow's voting units (one per staked token, timestamp clock):
///         sequencers vote with their stake; proposals come only from the GovernanceProposer and execute through
///         a TimelockController, which owns the Registry and the escrow's admin functions. A guardian may cancel
///         a queued proposal (during the timelock delay) and nothing else.
/// @dev Standard tooling reads it as any Governor (IGovernor, ERC-6372 clock, GovernorStorage for id-only
///      queue/execute). The guardian holds no timelock role: it cancels through the Governor, which cancels the
///      timelock operation (the Governor is the timelock's only proposer, canceller and executor).
contract Governance is
  IGovernance,
  GovernorSettings,
  GovernorCountingSimple,
  GovernorStorage,
  GovernorVotesQuorumFraction,
  GovernorTimelockControl
{
  address private immutable _DEPLOYER;
  uint256 private immutable _GRACE_PERIOD;
  address private _governanceProposer;
  address private _guardian;
  mapping(uint256 proposalId => IPayload payload) private _payloads;

  /// @param votes The StakingEscrow (ERC-5805 voting units, timestamp clock).
  /// @param timelock The TimelockController that executes proposals.
  /// @param guardian_ The address that may cancel queued proposals (zero: none).
  /// @param votingDelay_ Seconds between proposal and the start of voting (the snapshot).
  /// @param votingPeriod_ Seconds voting lasts.
  /// @param quorumNumerator_ Quorum as a percentage of the voting units at the snapshot.
  /// @param gracePeriod_ Seconds a succeeded proposal may wait to be queued, and a queued one to be executed,
  ///        before it expires.
  constructor(
    IVotes votes,
    TimelockController timelock,
    address guardian_,
    uint48 votingDelay_,
    uint32 votingPeriod_,
    uint256 quorumNumerator_,
    uint256 gracePeriod_
  )
    Governor("sp-testnet Governance")
    GovernorSettings(votingDelay_, votingPeriod_, 0)
    GovernorVotes(votes)
    GovernorVotesQuorumFraction(quorumNumerator_)
    GovernorTimelockControl(timelock)
  {
    _DEPLOYER = msg.sender;
    _GRACE_PERIOD = gracePeriod_;
    _setGuardian(guardian_);
  }

  /// @inheritdoc IGovernance
  function initializeGovernanceProposer(address governanceProposer_) external override {
    if (msg.sender != _DEPLOYER) revert Governance__OnlyDeployer(_DEPLOYER, msg.sender);
    if (_governanceProposer != address(0)) revert Governance__AlreadyInitialized(_governanceProposer);
    _setGovernanceProposer(governanceProposer_);
  }

  /// @inheritdoc IGovernance
  function setGovernanceProposer(address governanceProposer_) external override onlyGovernance {
    _setGovernanceProposer(governanceProposer_);
  }

  /// @inheritdoc IGovernance
  function setGuardian(address guardian_) external override onlyGovernance {
    _setGuardian(guardian_);
  }

  /// @inheritdoc IGovernance
  function proposePayload(IPayload payload, string calldata description) external override returns (uint256 id) {
    IPayload.Action[] memory actions = payload.getActions();
    address[] memory targets = new address[](actions.length);
    uint256[] memory values = new uint256[](actions.length);
    bytes[] memory calldatas = new bytes[](actions.length);
    for (uint256 i = 0; i < actions.length; ++i) {
      (targets[i], values[i], calldatas[i]) = (actions[i].target, actions[i].value, actions[i].data);
    }
    id = propose(targets, values, calldatas, description);
    _payloads[id] = payload;
    emit PayloadProposed(id, payload);
  }

  /// @notice Only the GovernanceProposer may propose (see `proposePayload`).
  /// @custom:reverts Governance__OnlyGovernanceProposer when the caller is not the GovernanceProposer.
  function propose(
    address[] memory targets,
    uint256[] memory values,
    bytes[] memory calldatas,
    string memory description
  ) public override returns (uint256) {
    if (_msgSender() != _governanceProposer) {
      revert Governance__OnlyGovernanceProposer(_governanceProposer, _msgSender());
    }
    return super.propose(targets, values, calldatas, description);
  }

  /// @inheritdoc IGovernance
  function governanceProposer() external view override returns (address) {
    return _governanceProposer;
  }

  /// @inheritdoc IGovernance
  function guardian() external view override returns (address) {
    return _guardian;
  }

  /// @inheritdoc IGovernance
  function gracePeriod() external view override returns (uint256) {
    return _GRACE_PERIOD;
  }

  /// @inheritdoc IGovernance
  function proposalPayload(uint256 proposalId) external view override returns (IPayload) {
    return _payloads[proposalId];
  }

  // ---- OpenZeppelin overrides -------------------------------------------------------------------------------------

  /// @notice The Governor state, plus expiry: a proposal not queued within `gracePeriod()` of its deadline, or
  ///         not executed within `gracePeriod()` of its eta, is Expired and can no longer be queued or executed.
  function state(
    uint256 proposalId
  ) public view override(Governor, GovernorTimelockControl) returns (ProposalState current) {
    current = super.state(proposalId);
    if (current == ProposalState.Succeeded && block.timestamp > proposalDeadline(proposalId) + _GRACE_PERIOD) {
      return ProposalState.Expired;
    }
    if (current == ProposalState.Queued && block.timestamp > proposalEta(proposalId) + _GRACE_PERIOD) {
      return ProposalState.Expired;
    }
  }

  /// @inheritdoc Governor
  function proposalNeedsQueuing(
    uint256 proposalId
  ) public view override(Governor, GovernorTimelockControl) returns (bool) {
    return super.proposalNeedsQueuing(proposalId);
  }

  /// @inheritdoc Governor
  function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
    return super.proposalThreshold();
  }

  /// @dev Only the guardian, and only while the proposal is queued in the timelock.
  function _validateCancel(uint256 proposalId, address caller) internal view override returns (bool) {
    return caller == _guardian && caller != address(0) && state(proposalId) == ProposalState.Queued;
  }

  function _propose(
    address[] memory targets,
    uint256[] memory values,
    bytes[] memory calldatas,
    string memory description,
    address proposer
  ) internal override(Governor, GovernorStorage) returns (uint256) {
    return super._propose(targets, values, calldatas, description, proposer);
  }

  function _queueOperations(
    uint256 proposalId,
    address[] memory targets,
    uint256[] memory values,
    bytes[] memory calldatas,
    bytes32 descriptionHash
  ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
    return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
  }

  function _executeOperations(
    uint256 proposalId,
    address[] memory targets,
    uint256[] memory values,
    bytes[] memory calldatas,
    bytes32 descriptionHash
  ) internal override(Governor, GovernorTimelockControl) {
    super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
  }

  function _cancel(
    address[] memory targets,
    uint256[] memory values,
    bytes[] memory calldatas,
    bytes32 descriptionHash
  ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
    return super._cancel(targets, values, calldatas, descriptionHash);
  }

  function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
    return super._executor();
  }

  function _setGovernanceProposer(address governanceProposer_) private {
    if (governanceProposer_ == address(0)) revert Governance__ZeroAddress();
    emit GovernanceProposerUpdated(_governanceProposer, governanceProposer_);
    _governanceProposer = governanceProposer_;
  }

  function _setGuardian(address guardian_) private {
    emit GuardianUpdated(_guardian, guardian_);
    _guardian = guardian_;
  }
}
