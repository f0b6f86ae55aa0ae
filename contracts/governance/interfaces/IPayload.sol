// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPayload
/// @notice A governance payload: an action contract whose `getActions()` lists the calls the timelock makes when
///         the proposal built from it executes (SPEC section 9). A payload holds no state that execution depends
///         on (only immutables), so what was signalled and voted on is what executes.
interface IPayload {
  /// @notice One call the timelock makes.
  struct Action {
    address target;
    uint256 value;
    bytes data;
  }

  /// @notice Thrown when a payload is built with a zero address where a contract is needed.
  /// @param position Which constructor argument (0-based) was zero.
  error Payload__ZeroAddress(uint256 position);

  /// @notice Thrown when a payload is built with an address that holds no contract where one is needed.
  /// @param position Which constructor argument (0-based).
  /// @param account The address given.
  error Payload__NotAContract(uint256 position, address account);

  /// @notice Thrown when a hard-fork payload's new Rollup stakes on another escrow than the one it moves.
  error Payload__EscrowMismatch(address expected, address actual);

  /// @notice The calls to make, in order.
  /// @return actions `(target, value, data)` of each call.
  function getActions() external view returns (Action[] memory actions);
}
