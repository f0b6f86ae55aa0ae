// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {stdError} from "forge-std/StdError.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernanceBase} from "./GovernanceBase.sol";
import {IGovernance} from "../../contracts/governance/interfaces/IGovernance.sol";
import {IPayload} from "../../contracts/governance/interfaces/IPayload.sol";

/// @dev Test payload: hands the proposer and guardian roles to new addresses.
contract RolesPayload is IPayload {
  address private immutable _GOVERNANCE;
  address private immutable _NEW_PROPOSER;
  address private immutable _NEW_GUARDIAN;

  constructor(address governance_, address newProposer, address newGuardian) {
    _GOVERNANCE = governance_;
    _NEW_PROPOSER = newProposer;
    _NEW_GUARDIAN = newGuardian;
  }

  function getActions() external view returns (Action[] memory actions) {
    actions = new Action[](2);
    actions[0] = Action(_GOVERNANCE, 0, abi.encodeCall(IGovernance.setGovernanceProposer, (_NEW_PROPOSER)));
    actions[1] = Action(_GOVERNANCE, 0, abi.encodeCall(IGovernance.setGuardian, (_NEW_GUARDIAN)));
  }
}

/// @notice The Governor's own roles change only through an executed proposal.
contract GovernanceRolesTest is GovernanceBase {
  address internal constant NEW_PROPOSER = address(0xBEEF);
  address internal constant NEW_GUARDIAN = address(0xCAFE);

  function setUp() public override {
    super.setUp();
    escrow.stake(_voter(1), 50 ether);
    vm.warp(block.timestamp + 1);
  }

  function _executed(IPayload payload) internal returns (uint256 id) {
    id = _proposeAndVote(payload, 1, 0);
    governance.queue(id);
    vm.warp(governance.proposalEta(id));
  }

  function test_roles_changeThroughAnExecutedProposal() public {
    uint256 id = _executed(new RolesPayload(address(governance), NEW_PROPOSER, NEW_GUARDIAN));
    vm.expectEmit(address(governance));
    emit IGovernance.GovernanceProposerUpdated(address(proposer), NEW_PROPOSER);
    vm.expectEmit(address(governance));
    emit IGovernance.GuardianUpdated(guardian, NEW_GUARDIAN);
    governance.execute(id);
    assertEq(governance.governanceProposer(), NEW_PROPOSER);
    assertEq(governance.guardian(), NEW_GUARDIAN);
  }

  function test_roles_refuseAZeroGovernanceProposerAtExecution() public {
    uint256 id = _executed(new RolesPayload(address(governance), address(0), NEW_GUARDIAN));
    vm.expectRevert(IGovernance.Governance__ZeroAddress.selector);
    governance.execute(id);
    assertEq(governance.governanceProposer(), address(proposer));
    assertEq(governance.guardian(), guardian);
    assertEq(uint8(governance.state(id)), uint8(IGovernor.ProposalState.Queued));
  }

  function test_setGovernanceProposer_refusesAnyoneButTheExecutor() public {
    vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, guardian));
    vm.prank(guardian);
    governance.setGovernanceProposer(NEW_PROPOSER);
    assertEq(governance.governanceProposer(), address(proposer));
  }

  function test_setGuardian_refusesAnyoneButTheExecutor() public {
    vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, guardian));
    vm.prank(guardian);
    governance.setGuardian(NEW_GUARDIAN);
    assertEq(governance.guardian(), guardian);
  }

  /// @dev The executor alone is not enough: the call must be one the Governor is executing (its queue is empty).
  function test_setGuardian_refusesTheTimelockOutsideAProposal() public {
    vm.expectRevert(stdError.popError);
    vm.prank(address(timelock));
    governance.setGuardian(NEW_GUARDIAN);
    assertEq(governance.guardian(), guardian);
  }

  function test_gracePeriod_isTheDeployedOne() public view {
    assertEq(governance.gracePeriod(), GRACE);
  }
}
