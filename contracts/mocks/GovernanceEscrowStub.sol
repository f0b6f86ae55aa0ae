// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @notice Test-only stand-in for the StakingEscrow's voting side in governance unit tests: ERC-5805 units on a
///         timestamp clock, self-delegated on mint, and an owner-only `addRollup` that records what governance added.
contract GovernanceEscrowStub is ERC20, ERC20Votes, Ownable {
  address[] public addedRollups;

  constructor(address owner_) ERC20("Staked units", "SU") EIP712("GovernanceEscrowStub", "1") Ownable(owner_) {}

  function stake(address attester, uint256 amount) external {
    _mint(attester, amount);
    if (delegates(attester) == address(0)) _delegate(attester, attester);
  }

  function unstake(address attester, uint256 amount) external {
    _burn(attester, amount);
  }

  function addRollup(address rollup) external onlyOwner {
    addedRollups.push(rollup);
  }

  function numberOfAddedRollups() external view returns (uint256) {
    return addedRollups.length;
  }

  function clock() public view override returns (uint48) {
    return Time.timestamp();
  }

  // solhint-disable-next-line func-name-mixedcase
  function CLOCK_MODE() public pure override returns (string memory) {
    return "mode=timestamp";
  }

  function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
    super._update(from, to, value);
  }
}
