// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title GovernanceTimelock
/// @notice The OpenZeppelin TimelockController that executes Governance proposals and owns the Registry and the
///         escrow's admin functions. Named here so deployments and clients have an artifact; no behaviour is added.
contract GovernanceTimelock is TimelockController {
  /// @param minDelay Seconds between queueing and execution.
  /// @param proposers Accounts granted the proposer and canceller roles (the Governor, once wired).
  /// @param executors Accounts granted the executor role.
  /// @param admin Optional admin for the wiring; it renounces its role afterwards (zero: none).
  constructor(
    uint256 minDelay,
    address[] memory proposers,
    address[] memory executors,
    address admin
  ) TimelockController(minDelay, proposers, executors, admin) {}
}
