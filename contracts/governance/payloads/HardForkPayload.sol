// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayload} from "../interfaces/IPayload.sol";
import {IRegistry} from "../interfaces/IRegistry.sol";
import {IStakingEscrow} from "../../staking/interfaces/IStakingEscrow.sol";
import {IRollup} from "../../core/interfaces/IRollup.sol";

/// @title HardForkPayload
/// @notice The phase-2 hard fork: adds `NEW_ROLLUP` to the Registry (which makes it canonical) and then to the
///         StakingEscrow, so followers of the canonical rollup validate for it from its first sampled epoch on.
/// @dev Immutables only. The order matters: the escrow accepts a rollup only once the Registry holds it canonical.
contract HardForkPayload is IPayload {
  /// @notice The Registry that receives the new version.
  IRegistry public immutable REGISTRY;
  /// @notice The escrow whose followers move to the new version.
  IStakingEscrow public immutable ESCROW;
  /// @notice The new Rollup.
  address public immutable NEW_ROLLUP;

  /// @custom:reverts Payload__ZeroAddress when an argument is the zero address.
  /// @custom:reverts Payload__NotAContract when an argument holds no contract.
  /// @custom:reverts Payload__EscrowMismatch when `newRollup` stakes on another escrow than `escrow`.
  constructor(IRegistry registry, IStakingEscrow escrow, address newRollup) {
    if (address(registry) == address(0)) revert Payload__ZeroAddress(0);
    if (address(escrow) == address(0)) revert Payload__ZeroAddress(1);
    if (newRollup == address(0)) revert Payload__ZeroAddress(2);
    if (address(registry).code.length == 0) revert Payload__NotAContract(0, address(registry));
    if (address(escrow).code.length == 0) revert Payload__NotAContract(1, address(escrow));
    if (newRollup.code.length == 0) revert Payload__NotAContract(2, newRollup);
    address newEscrow = address(IRollup(newRollup).getConfig().escrow);
    if (newEscrow != address(escrow)) revert Payload__EscrowMismatch(address(escrow), newEscrow);
    REGISTRY = registry;
    ESCROW = escrow;
    NEW_ROLLUP = newRollup;
  }

  /// @inheritdoc IPayload
  function getActions() external view override returns (Action[] memory actions) {
    actions = new Action[](2);
    actions[0] = Action(address(REGISTRY), 0, abi.encodeCall(IRegistry.addRollup, (NEW_ROLLUP)));
    actions[1] = Action(address(ESCROW), 0, abi.encodeCall(IStakingEscrow.addRollup, (NEW_ROLLUP)));
  }
}
