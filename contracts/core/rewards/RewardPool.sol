// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IRewardPool} from "./interfaces/IRewardPool.sol";

/// @title RewardPool
/// @notice Funds the rewards of epoch proofs and proven blocks (see `IRewardPool`).
contract RewardPool is IRewardPool, Ownable {
  using SafeERC20 for IERC20;

  /// @inheritdoc IRewardPool
  IERC20 public immutable ASSET;

  mapping(address rollup => bool authorized) private _authorized;

  constructor(IERC20 asset, address owner_) Ownable(owner_) {
    if (address(asset) == address(0)) revert RewardPool__ZeroAddress();
    ASSET = asset;
  }

  /// @inheritdoc IRewardPool
  function setRollupAuthorized(address rollup, bool authorized) external onlyOwner {
    if (rollup == address(0)) revert RewardPool__ZeroAddress();
    _authorized[rollup] = authorized;
    emit RollupAuthorized(rollup, authorized);
  }

  /// @inheritdoc IRewardPool
  function isAuthorized(address rollup) external view returns (bool) {
    return _authorized[rollup];
  }

  /// @inheritdoc IRewardPool
  function pay(address to, uint256 amount) external {
    if (!_authorized[msg.sender]) revert RewardPool__Unauthorized(msg.sender);
    uint256 available = ASSET.balanceOf(address(this));
    if (available < amount) revert RewardPool__InsufficientFunds(available, amount);
    ASSET.safeTransfer(to, amount);
    emit RewardPaid(msg.sender, to, amount);
  }
}
