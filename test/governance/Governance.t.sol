// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernanceBase} from "./GovernanceBase.sol";
import {Governance} from "../../contracts/governance/Governance.sol";
import {IGovernance} from "../../contracts/governance/interfaces/IGovernance.sol";
import {IPayload} from "../../contracts/governance/interfaces/IPayload.sol";
import {GovernanceParametersPayload} from "../../contracts/governance/payloads/GovernanceParametersPayload.sol";

contract GovernanceTest is GovernanceBase {
  function setUp() public override {
    super.setUp();
    escrow.stake(_voter(0), 30 ether); // against
    escrow.stake(_voter(1), 50 ether); // for
    escrow.stake(_voter(2), 20 ether); // abstain / silent
    vm.warp(block.timestamp + 1);
  }

  function _queue(uint256 id) internal {
    governance.queue(id);
    assertEq(uint8(_state(id)), uint8(IGovernor.ProposalState.Queued));
  }

  function _queuedHardFork() internal returns (uint256 id) {
    id = _proposeAndVote(hardFork, 1, 0);
    _queue(id);
  }

  // ---- proposing ----

  function test_propose_refusesAnyoneButTheGovernanceProposer() public {
    address[] memory targets = new address[](1);
    bytes[] memory datas = new bytes[](1);
    vm.expectRevert(
      abi.encodeWithSelector(IGovernance.Governance__OnlyGovernanceProposer.selector, address(proposer), _voter(1))
    );
    vm.prank(_voter(1));
    governance.propose(targets, new uint256[](1), datas, "direct");
    assertEq(governance.proposalCount(), 0);
  }

  function test_proposePayload_refusesAnyoneButTheGovernanceProposer() public {
    vm.expectRevert(
      abi.encodeWithSelector(IGovernance.Governance__OnlyGovernanceProposer.selector, address(proposer), guardian)
    );
    vm.prank(guardian);
    governance.proposePayload(hardFork, "by the guardian");
    assertEq(governance.proposalCount(), 0);
  }

  function test_initializeGovernanceProposer_refusesASecondCall() public {
    vm.expectRevert(abi.encodeWithSelector(IGovernance.Governance__AlreadyInitialized.selector, address(proposer)));
    governance.initializeGovernanceProposer(address(1));
    assertEq(governance.governanceProposer(), address(proposer));
  }

  function test_initializeGovernanceProposer_refusesAnyoneButTheDeployer() public {
    Governance fresh = new Governance(escrow, timelock, guardian, 1, 1, 1, 1);
    vm.expectRevert(abi.encodeWithSelector(IGovernance.Governance__OnlyDeployer.selector, address(this), guardian));
    vm.prank(guardian);
    fresh.initializeGovernanceProposer(address(1));
    assertEq(fresh.governanceProposer(), address(0));
    vm.expectRevert(IGovernance.Governance__ZeroAddress.selector);
    fresh.initializeGovernanceProposer(address(0));
  }

  // ---- voting ----

  function test_castVote_weighsStakeAtTheSnapshot() public {
    uint256 id = _propose(hardFork);
    vm.warp(governance.proposalSnapshot(id) + 1);
    escrow.stake(_voter(1), 1000 ether); // staked after the snapshot: does not count
    vm.prank(_voter(1));
    governance.castVote(id, 1);
    vm.prank(_voter(0));
    governance.castVote(id, 0);
    vm.prank(_voter(2));
    governance.castVote(id, 2);
    (uint256 against, uint256 for_, uint256 abstain) = governance.proposalVotes(id);
    assertEq(for_, 50 ether);
    assertEq(against, 30 ether);
    assertEq(abstain, 20 ether);
  }

  function test_castVote_refusesASecondVote() public {
    uint256 id = _propose(hardFork);
    vm.warp(governance.proposalSnapshot(id) + 1);
    vm.startPrank(_voter(1));
    governance.castVote(id, 1);
    vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, _voter(1)));
    governance.castVote(id, 0);
    vm.stopPrank();
    (uint256 against, uint256 for_, ) = governance.proposalVotes(id);
    assertEq(for_, 50 ether);
    assertEq(against, 0);
  }

  function test_state_defeatedWithoutQuorum() public {
    escrow.stake(_voter(3), 1000 ether); // total 1100: 20% quorum = 220 > 50
    uint256 id = _proposeAndVote(hardFork, 1, 0);
    assertEq(uint8(_state(id)), uint8(IGovernor.ProposalState.Defeated));
    vm.expectPartialRevert(IGovernor.GovernorUnexpectedProposalState.selector);
    governance.queue(id);
    assertEq(registry.getCanonicalRollup(), address(rollupV1));
  }

  function test_state_defeatedByAMajorityAgainst() public {
    uint256 id = _propose(hardFork);
    vm.warp(governance.proposalSnapshot(id) + 1);
    vm.prank(_voter(0));
    governance.castVote(id, 0); // 30 against
    vm.prank(_voter(2));
    governance.castVote(id, 1); // 20 for
    vm.warp(governance.proposalDeadline(id) + 1);
    assertEq(uint8(_state(id)), uint8(IGovernor.ProposalState.Defeated));
    vm.expectPartialRevert(IGovernor.GovernorUnexpectedProposalState.selector);
    governance.execute(id);
  }

  function test_execute_runsTheHardForkAfterTheDelay() public {
    uint256 id = _queuedHardFork();
    uint256 eta = governance.proposalEta(id);
    assertEq(eta, block.timestamp + TIMELOCK_DELAY);
    vm.expectPartialRevert(TimelockController.TimelockUnexpectedOperationState.selector);
    governance.execute(id);
    assertEq(registry.getCanonicalRollup(), address(rollupV1));

    vm.warp(eta);
    governance.execute(id);
    assertEq(uint8(_state(id)), uint8(IGovernor.ProposalState.Executed));
    assertEq(registry.getCanonicalRollup(), address(rollupV2));
    assertEq(escrow.addedRollups(0), address(rollupV2));
    vm.expectPartialRevert(IGovernor.GovernorUnexpectedProposalState.selector);
    governance.execute(id);
    assertEq(registry.numberOfVersions(), 2, "executed once");
  }

  function test_execute_refusesAnExpiredProposal() public {
    uint256 id = _queuedHardFork();
    vm.warp(governance.proposalEta(id) + GRACE + 1);
    assertEq(uint8(_state(id)), uint8(IGovernor.ProposalState.Expired));
    vm.expectPartialRevert(IGovernor.GovernorUnexpectedProposalState.selector);
    governance.execute(id);
    assertEq(registry.getCanonicalRollup(), address(rollupV1));
  }

  function test_queue_refusesASucceededProposalPastTheGracePeriod() public {
    uint256 id = _proposeAndVote(hardFork, 1, 0);
    vm.warp(governance.proposalDeadline(id) + GRACE + 1);
    assertEq(uint8(_state(id)), uint8(IGovernor.ProposalState.Expired));
    vm.expectPartialRevert(IGovernor.GovernorUnexpectedProposalState.selector);
    governance.queue(id);
  }

  function test_execute_appliesAParameterChange() public {
    GovernanceParametersPayload change = new GovernanceParametersPayload(address(governance), 2 hours, 3 days, 33);
    uint256 id = _proposeAndVote(change, 1, 0);
    _queue(id);
    vm.warp(governance.proposalEta(id));
    governance.execute(id);
    assertEq(governance.votingDelay(), 2 hours);
    assertEq(governance.votingPeriod(), 3 days);
    assertEq(governance.quorumNumerator(), 33);
  }

  // ---- guardian ----

  function test_cancel_guardianCancelsAQueuedProposal() public {
    uint256 id = _queuedHardFork();
    vm.prank(guardian);
    governance.cancel(id);
    assertEq(uint8(_state(id)), uint8(IGovernor.ProposalState.Canceled));
    vm.warp(governance.proposalEta(id));
    vm.expectPartialRevert(IGovernor.GovernorUnexpectedProposalState.selector);
    governance.execute(id);
    assertEq(registry.getCanonicalRollup(), address(rollupV1));
  }

  function test_cancel_refusesTheGuardianBeforeTheProposalIsQueued() public {
    uint256 id = _propose(hardFork);
    vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, guardian));
    vm.prank(guardian);
    governance.cancel(id); // Pending
    vm.warp(governance.proposalSnapshot(id) + 1);
    vm.prank(_voter(1));
    governance.castVote(id, 1);
    vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, guardian));
    vm.prank(guardian);
    governance.cancel(id); // Active
    vm.warp(governance.proposalDeadline(id) + 1);
    vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, guardian));
    vm.prank(guardian);
    governance.cancel(id); // Succeeded
    assertEq(uint8(_state(id)), uint8(IGovernor.ProposalState.Succeeded));
  }

  function test_cancel_refusesAnyoneButTheGuardian() public {
    uint256 id = _queuedHardFork();
    address[3] memory others = [_voter(1), address(proposer), address(timelock)];
    for (uint256 i = 0; i < others.length; ++i) {
      vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, others[i]));
      vm.prank(others[i]);
      governance.cancel(id);
    }
    assertEq(uint8(_state(id)), uint8(IGovernor.ProposalState.Queued));
  }

  /// Role matrix: the guardian can do nothing but cancel a queued proposal.
  function test_guardian_canDoNothingElse() public {
    uint256 id = _queuedHardFork();
    bytes32 opId = keccak256("x");
    bytes32 proposerRole = timelock.PROPOSER_ROLE();
    vm.startPrank(guardian);

    vm.expectPartialRevert(IGovernor.GovernorOnlyExecutor.selector);
    governance.setGuardian(guardian);
    vm.expectPartialRevert(IGovernor.GovernorOnlyExecutor.selector);
    governance.setGovernanceProposer(guardian);
    vm.expectPartialRevert(IGovernor.GovernorOnlyExecutor.selector);
    governance.setVotingPeriod(1);
    vm.expectPartialRevert(IGovernor.GovernorOnlyExecutor.selector);
    governance.updateQuorumNumerator(1);
    vm.expectPartialRevert(IGovernor.GovernorOnlyExecutor.selector);
    governance.updateTimelock(TimelockController(payable(guardian)));
    vm.expectPartialRevert(IGovernor.GovernorOnlyExecutor.selector);
    governance.relay(address(registry), 0, abi.encodeCall(registry.addRollup, (guardian)));
    vm.expectPartialRevert(IGovernance.Governance__OnlyGovernanceProposer.selector);
    governance.proposePayload(hardFork, "guardian");

    vm.expectPartialRevert(IAccessControl.AccessControlUnauthorizedAccount.selector);
    timelock.schedule(address(registry), 0, "", 0, 0, TIMELOCK_DELAY);
    vm.expectPartialRevert(IAccessControl.AccessControlUnauthorizedAccount.selector);
    timelock.cancel(opId);
    vm.expectPartialRevert(IAccessControl.AccessControlUnauthorizedAccount.selector);
    timelock.execute(address(registry), 0, "", 0, 0);
    vm.expectPartialRevert(IAccessControl.AccessControlUnauthorizedAccount.selector);
    timelock.grantRole(proposerRole, guardian);

    vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian));
    registry.addRollup(guardian);
    vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian));
    escrow.addRollup(guardian);

    vm.stopPrank();

    assertEq(uint8(_state(id)), uint8(IGovernor.ProposalState.Queued), "proposal untouched");
    assertEq(registry.getCanonicalRollup(), address(rollupV1), "registry untouched");
    assertEq(escrow.numberOfAddedRollups(), 0, "escrow untouched");
    assertEq(governance.guardian(), guardian);
    assertEq(governance.governanceProposer(), address(proposer));
    assertEq(governance.votingPeriod(), VOTING_PERIOD);
    assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), guardian));
  }

  function test_guardian_hasNoVotingPower() public {
    uint256 id = _propose(hardFork);
    vm.warp(governance.proposalSnapshot(id) + 1);
    vm.prank(guardian);
    assertEq(governance.castVote(id, 1), 0, "a guardian vote weighs nothing");
    (, uint256 for_, ) = governance.proposalVotes(id);
    assertEq(for_, 0);
  }
}
