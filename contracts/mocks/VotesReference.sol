// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @notice Test-only: the reference for the escrow's votes, built on OpenZeppelin `Votes` (timestamp clock) with
///         the escrow's rules: an account delegates to itself unless another delegate was chosen, and voting
///         units are minted, burned and delegated explicitly by the differential test
///         (`test/staking/StakingEscrow.votesDifferential.t.sol`), which applies the same operations to the escrow.
contract VotesReference is Votes {
  mapping(address account => uint256) private _units;

  constructor() EIP712("VotesReference", "1") {}

  /// @notice Gives `account` `amount` voting units (a deposit).
  function mint(address account, uint256 amount) external {
    _units[account] += amount;
    _transferVotingUnits(address(0), account, amount);
  }

  /// @notice Takes `amount` of `account`'s voting units (a slash or an exit).
  function burn(address account, uint256 amount) external {
    _units[account] -= amount;
    _transferVotingUnits(account, address(0), amount);
  }

  /// @notice Delegates `account`'s units to `delegatee` (the escrow's `delegateFor`).
  function delegateFor(address account, address delegatee) external {
    _delegate(account, delegatee);
  }

  /// @notice The delegate of `account`: itself unless another was chosen (as in the escrow).
  function delegates(address account) public view override returns (address) {
    address chosen = super.delegates(account);
    return chosen == address(0) ? account : chosen;
  }

  /// @notice ERC-6372 clock: the block timestamp.
  function clock() public view override returns (uint48) {
    return uint48(block.timestamp);
  }

  /// @notice ERC-6372 clock mode.
  // solhint-disable-next-line func-name-mixedcase
  function CLOCK_MODE() public pure override returns (string memory) {
    return "mode=timestamp";
  }

  function _getVotingUnits(address account) internal view override returns (uint256) {
    return _units[account];
  }
}
