// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";
import {ISlashPayload, ISlashPayloadFactory, SlashEntry} from "./interfaces/ISlashPayload.sol";
import {SlashPayload} from "./SlashPayload.sol";

/// @title SlashPayloadFactory
/// @notice Deterministic slash payloads: salt = keccak256(abi.encode(entries)), init code = SlashPayload's creation
///         code with the same encoded list, so a payload's address is a function of its content alone.
contract SlashPayloadFactory is ISlashPayloadFactory {
  /// @inheritdoc ISlashPayloadFactory
  function createPayload(SlashEntry[] calldata entries) external override returns (ISlashPayload payload) {
    _validate(entries);
    bytes memory encoded = abi.encode(entries);
    bytes32 salt = keccak256(encoded);
    address predicted = Create2.computeAddress(salt, keccak256(_initCode(encoded)));
    if (predicted.code.length != 0) return ISlashPayload(predicted);
    payload = new SlashPayload{salt: salt}(entries);
    emit SlashPayloadCreated(payload, salt, entries.length);
  }

  /// @inheritdoc ISlashPayloadFactory
  function predictAddress(SlashEntry[] calldata entries) external view override returns (address) {
    bytes memory encoded = abi.encode(entries);
    return Create2.computeAddress(keccak256(encoded), keccak256(_initCode(encoded)));
  }

  function _initCode(bytes memory encoded) private pure returns (bytes memory) {
    return abi.encodePacked(type(SlashPayload).creationCode, encoded);
  }

  function _validate(SlashEntry[] calldata entries) private pure {
    if (entries.length == 0) revert SlashPayloadFactory__EmptyList();
    address previous = address(0);
    for (uint256 i = 0; i < entries.length; ++i) {
      address attester = entries[i].attester;
      if (attester == address(0)) revert SlashPayloadFactory__ZeroAttester(i);
      uint256 amount = entries[i].amount;
      if (amount == 0) revert SlashPayloadFactory__ZeroAmount(i);
      if (amount > type(uint88).max) revert SlashPayloadFactory__AmountTooLarge(i, amount);
      if (i != 0 && attester <= previous) revert SlashPayloadFactory__NotSorted(i, previous, attester);
      previous = attester;
    }
  }
}
