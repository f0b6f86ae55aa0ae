// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

/// @notice Test-only stand-in for the StakingEscrow's validator-set reads (per-rollup sets checkpointed by
///         timestamp), used by Rollup unit tests and harnesses. No tokens: `deposit` only records the attester.
///         The Rollup's flow tests use the real StakingEscrow.
contract RollupValidatorSetMock {
  using Checkpoints for Checkpoints.Trace208;

  error RollupValidatorSetMock__NotInSet(address attester);

  mapping(address rollup => Checkpoints.Trace208) internal sizes;
  mapping(address rollup => mapping(uint256 index => Checkpoints.Trace208)) internal members;
  mapping(address rollup => mapping(address attester => uint256 indexPlusOne)) internal positions;

  /// @notice Records the last forwarded deposit (to check the Rollup's forwarding).
  address public lastPayer;

  function deposit(address payer, address attester, address, bool) external {
    lastPayer = payer;
    _add(msg.sender, attester);
  }

  function addValidatorsFor(address rollup, address[] calldata attesters) external {
    for (uint256 i = 0; i < attesters.length; ++i) _add(rollup, attesters[i]);
  }

  /// @notice Removes `attester` by moving the last member into its index (as an exit does).
  function removeValidator(address rollup, address attester) external {
    uint256 pos = positions[rollup][attester];
    if (pos == 0) revert RollupValidatorSetMock__NotInSet(attester);
    uint256 size = sizes[rollup].latest();
    uint256 last = size - 1;
    if (pos - 1 != last) {
      address moved = address(uint160(members[rollup][last].latest()));
      members[rollup][pos - 1].push(uint48(block.timestamp), uint160(moved));
      positions[rollup][moved] = pos;
    }
    delete positions[rollup][attester];
    sizes[rollup].push(uint48(block.timestamp), uint208(last));
  }

  function getSetSize(address rollup, uint256 timestamp) external view returns (uint256) {
    return sizes[rollup].upperLookupRecent(uint48(timestamp));
  }

  function getAttestersAtIndices(
    address rollup,
    uint256[] calldata indices,
    uint256 timestamp
  ) external view returns (address[] memory out) {
    out = new address[](indices.length);
    for (uint256 i = 0; i < indices.length; ++i) {
      out[i] = address(uint160(members[rollup][indices[i]].upperLookupRecent(uint48(timestamp))));
    }
  }

  function _add(address rollup, address attester) internal {
    uint256 size = sizes[rollup].latest();
    members[rollup][size].push(uint48(block.timestamp), uint160(attester));
    positions[rollup][attester] = size + 1;
    sizes[rollup].push(uint48(block.timestamp), uint208(size + 1));
  }
}
