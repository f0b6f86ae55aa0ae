// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice Test-only registry for governance unit tests: an owner-only append-only list whose last entry is
///         canonical (the real Registry is tested with the staking domain).
contract GovernanceRegistryStub is Ownable {
  address[] public rollups;

  constructor(address owner_, address firstRollup) Ownable(owner_) {
    rollups.push(firstRollup);
  }

  function addRollup(address rollup) external onlyOwner returns (uint256) {
    rollups.push(rollup);
    return rollups.length - 1;
  }

  function getCanonicalRollup() external view returns (address) {
    return rollups[rollups.length - 1];
  }

  function numberOfVersions() external view returns (uint256) {
    return rollups.length;
  }
}
