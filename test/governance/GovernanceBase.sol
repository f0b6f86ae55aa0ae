// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Governance} from "../../contracts/governance/Governance.sol";
import {GovernanceProposer} from "../../contracts/governance/GovernanceProposer.sol";
import {IPayload} from "../../contracts/governance/interfaces/IPayload.sol";
import {IRegistry} from "../../contracts/governance/interfaces/IRegistry.sol";
import {IStakingEscrow} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {HardForkPayload} from "../../contracts/governance/payloads/HardForkPayload.sol";
import {GovernanceParametersPayload} from "../../contracts/governance/payloads/GovernanceParametersPayload.sol";
import {GovernanceRollupStub} from "../../contracts/mocks/GovernanceRollupStub.sol";
import {GovernanceRegistryStub} from "../../contracts/mocks/GovernanceRegistryStub.sol";
import {GovernanceEscrowStub} from "../../contracts/mocks/GovernanceEscrowStub.sol";

/// @notice Shared set-up: the real Governor, timelock and GovernanceProposer over stubs of the rollup clock, the
///         Registry and the escrow's voting units. The timelock owns the registry and escrow stubs.
abstract contract GovernanceBase is Test {
  uint256 internal constant QUORUM = 3; // N
  uint256 internal constant ROUND = 5; // M
  uint256 internal constant LIFETIME = 2;
  uint48 internal constant VOTING_DELAY = 1 hours;
  uint32 internal constant VOTING_PERIOD = 1 days;
  uint256 internal constant QUORUM_PERCENT = 20;
  uint256 internal constant TIMELOCK_DELAY = 2 days;
  uint256 internal constant GRACE = 7 days;

  address internal guardian = makeAddr("guardian");
  GovernanceRollupStub internal rollupV1;
  GovernanceRollupStub internal rollupV2;
  GovernanceRegistryStub internal registry;
  GovernanceEscrowStub internal escrow;
  TimelockController internal timelock;
  Governance internal governance;
  GovernanceProposer internal proposer;
  HardForkPayload internal hardFork;

  function setUp() public virtual {
    vm.warp(1_700_000_000);
    rollupV1 = new GovernanceRollupStub();
    rollupV2 = new GovernanceRollupStub();
    timelock = new TimelockController(TIMELOCK_DELAY, new address[](0), new address[](0), address(this));
    registry = new GovernanceRegistryStub(address(timelock), address(rollupV1));
    escrow = new GovernanceEscrowStub(address(timelock));
    governance = new Governance(escrow, timelock, guardian, VOTING_DELAY, VOTING_PERIOD, QUORUM_PERCENT, GRACE);
    proposer = new GovernanceProposer(IRegistry(address(registry)), governance, QUORUM, ROUND, LIFETIME);
    governance.initializeGovernanceProposer(address(proposer));
    timelock.grantRole(timelock.PROPOSER_ROLE(), address(governance));
    timelock.grantRole(timelock.CANCELLER_ROLE(), address(governance));
    timelock.grantRole(timelock.EXECUTOR_ROLE(), address(governance));
    timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
    rollupV2.setEscrow(address(escrow));
    hardFork = new HardForkPayload(IRegistry(address(registry)), IStakingEscrow(address(escrow)), address(rollupV2));
  }

  /// @dev A distinct parameter-change payload (a contract, as signalling requires).
  function _payload(uint32 salt) internal returns (IPayload) {
    return new GovernanceParametersPayload(address(governance), 1, 100 + salt, 4);
  }

  /// @dev Signals `payload` from `signals` consecutive slots of round `round` on `rollup`, one proposer each.
  function _signalRound(GovernanceRollupStub rollup, uint256 round, IPayload payload, uint256 signals) internal {
    for (uint256 i = 0; i < signals; ++i) {
      address p = address(uint160(0x1000 + i));
      rollup.setSlot(round * ROUND + i);
      rollup.setProposer(p);
      vm.prank(p);
      proposer.signal(payload);
    }
  }

  /// @dev Signals a payload to quorum in round 0 and submits it from round 1; returns the proposal id.
  function _propose(IPayload payload) internal returns (uint256 proposalId) {
    _signalRound(rollupV1, 0, payload, QUORUM);
    rollupV1.setSlot(ROUND);
    proposalId = proposer.submitRoundWinner(0);
  }

  /// @dev Proposes, moves to voting, casts `forVotes`/`againstVotes` from fresh voters, ends the vote.
  function _proposeAndVote(IPayload payload, uint256 forVotes, uint256 againstVotes) internal returns (uint256 id) {
    id = _propose(payload);
    vm.warp(governance.proposalSnapshot(id) + 1);
    if (forVotes > 0) {
      vm.prank(_voter(1));
      governance.castVote(id, 1);
    }
    if (againstVotes > 0) {
      vm.prank(_voter(0));
      governance.castVote(id, 0);
    }
    vm.warp(governance.proposalDeadline(id) + 1);
  }

  function _voter(uint256 i) internal pure returns (address) {
    return address(uint160(0xA000 + i));
  }

  function _state(uint256 id) internal view returns (IGovernor.ProposalState) {
    return governance.state(id);
  }
}
