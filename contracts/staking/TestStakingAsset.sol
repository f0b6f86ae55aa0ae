// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ITestStakingAsset} from "./interfaces/ITestStakingAsset.sol";

/// @title TestStakingAsset
/// @notice The staking token of testnets: owner-minted, with a per-address rate-limited faucet so
///         participants can stake without asking an operator.
/// @dev Never deploy on a network whose stake must have value: anyone can draw from the faucet.
contract TestStakingAsset is ERC20, Ownable, ITestStakingAsset {
  /// @inheritdoc ITestStakingAsset
  uint256 public faucetAmount;
  /// @inheritdoc ITestStakingAsset
  uint256 public faucetCooldown;
  /// @inheritdoc ITestStakingAsset
  mapping(address account => uint256 timestamp) public nextFaucetAt;

  constructor(
    string memory name_,
    string memory symbol_,
    address owner_,
    uint256 faucetAmount_,
    uint256 faucetCooldown_
  ) ERC20(name_, symbol_) Ownable(owner_) {
    _setFaucet(faucetAmount_, faucetCooldown_);
  }

  /// @inheritdoc ITestStakingAsset
  function mint(address to, uint256 amount) external onlyOwner {
    if (to == address(0)) revert TestStakingAsset__ZeroAddress();
    if (amount == 0) revert TestStakingAsset__ZeroAmount();
    _mint(to, amount);
  }

  /// @inheritdoc ITestStakingAsset
  function faucet() external {
    uint256 allowedAt = nextFaucetAt[msg.sender];
    if (block.timestamp < allowedAt) revert TestStakingAsset__FaucetCooldown(allowedAt, block.timestamp);
    uint256 next = block.timestamp + faucetCooldown;
    nextFaucetAt[msg.sender] = next;
    _mint(msg.sender, faucetAmount);
    emit FaucetDrip(msg.sender, faucetAmount, next);
  }

  /// @inheritdoc ITestStakingAsset
  function setFaucet(uint256 amount, uint256 cooldown) external onlyOwner {
    _setFaucet(amount, cooldown);
  }

  function _setFaucet(uint256 amount, uint256 cooldown) private {
    if (amount == 0) revert TestStakingAsset__ZeroAmount();
    faucetAmount = amount;
    faucetCooldown = cooldown;
    emit FaucetConfigured(amount, cooldown);
  }
}
