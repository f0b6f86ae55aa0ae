// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Why an attester is slashed (SPEC section 8).
enum Offence {
  /// On the committee of an epoch that was pruned (data withheld or not proven).
  PRUNED_EPOCH,
  /// Proposed a block whose attestations were invalid.
  INVALID_ATTESTATIONS,
  /// Missed proposals above the threshold in an epoch, as signalled by proposers.
  INACTIVITY,
  /// Signed two different blocks for one slot.
  EQUIVOCATION
}

/// @notice One line of a slash payload.
struct SlashEntry {
  address attester;
  uint256 amount;
  Offence offence;
}

/// @title ISlashPayload
/// @notice An immutable list of (attester, amount, offence), sorted by attester, created by `SlashPayloadFactory`.
interface ISlashPayload {
  /// @notice The whole list, sorted by strictly increasing attester.
  function getEntries() external view returns (SlashEntry[] memory);

  /// @notice The number of entries.
  function size() external view returns (uint256);

  /// @notice Entry `index` (reverts out of range).
  function getEntry(uint256 index) external view returns (SlashEntry memory);
}

/// @title ISlashPayloadFactory
/// @notice Creates slash payloads with create2 from their content, so every node computes the same address.
interface ISlashPayloadFactory {
  /// @notice Emitted when a payload is deployed.
  event SlashPayloadCreated(ISlashPayload indexed payload, bytes32 indexed salt, uint256 entries);

  /// @notice Thrown for an empty list.
  error SlashPayloadFactory__EmptyList();
  /// @notice Thrown for an entry with the zero attester.
  error SlashPayloadFactory__ZeroAttester(uint256 index);
  /// @notice Thrown for an entry with a zero amount.
  error SlashPayloadFactory__ZeroAmount(uint256 index);
  /// @notice Thrown for an entry whose amount does not fit in 88 bits (no stake does: the escrow's minimum stake
  ///         is at most `type(uint88).max`); a payload keeps each entry in one storage slot.
  error SlashPayloadFactory__AmountTooLarge(uint256 index, uint256 amount);
  /// @notice Thrown when entry `index`'s attester is not strictly greater than the previous one (unsorted or
  ///         duplicate).
  error SlashPayloadFactory__NotSorted(uint256 index, address previous, address attester);

  /// @notice Creates the payload for `entries`, or returns it if it exists already (anyone may call).
  /// @param entries Sorted by strictly increasing attester, non-zero attesters and amounts (at most 88 bits).
  /// @return payload The payload at `predictAddress(entries)`.
  /// @custom:reverts SlashPayloadFactory__EmptyList for an empty list.
  /// @custom:reverts SlashPayloadFactory__ZeroAttester for a zero attester.
  /// @custom:reverts SlashPayloadFactory__ZeroAmount for a zero amount.
  /// @custom:reverts SlashPayloadFactory__AmountTooLarge for an amount above `type(uint88).max`.
  /// @custom:reverts SlashPayloadFactory__NotSorted for unsorted or duplicate attesters.
  function createPayload(SlashEntry[] calldata entries) external returns (ISlashPayload payload);

  /// @notice The address `createPayload(entries)` deploys to (salt = keccak256(abi.encode(entries))).
  /// @param entries The list (not validated here).
  /// @return The create2 address.
  function predictAddress(SlashEntry[] calldata entries) external view returns (address);
}
