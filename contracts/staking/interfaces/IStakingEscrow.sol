// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Lifecycle of an attester in the escrow (SPEC section 4).
/// NONE → VALIDATING → EXITING → (withdrawn: NONE); LIVING = staked below the ejection threshold, can only exit.
enum Status {
  NONE,
  VALIDATING,
  LIVING,
  EXITING
}

/// @notice One validator to add in a bulk `addValidators` call.
struct DepositArgs {
  address attester;
  address withdrawer;
  bool followCanonical;
}

/// @notice What the escrow knows of an attester.
struct ValidatorInfo {
  uint256 stake;
  address withdrawer;
  /// The rollup a pinned validator validates for; zero for followers of the canonical rollup.
  address pinnedRollup;
  bool followCanonical;
  Status status;
}

/// @notice A pending exit.
struct Exit {
  uint256 amount;
  address recipient;
  uint256 exitableAt;
}

/// @title IStakingRollup
/// @notice What the escrow needs from a rollup: who may slash its validators.
interface IStakingRollup {
  /// @notice The address allowed to slash this rollup's validators.
  function getSlasher() external view returns (address);
}

/// @title IStakingEscrow
/// @notice One escrow for every rollup version: stakes, per-rollup validator sets as checkpointed
///         snapshots (read as of a timestamp, so committees use a lagged set), and ERC-5805 voting units.
/// @dev Set reads take a timestamp rather than an epoch because each rollup version has its own clock; a
///      rollup converts its epoch to the timestamp of its snapshot. No function loops over a validator set.
interface IStakingEscrow {
  // Functions only; events and errors are declared by the implementation's library/interface as it grows.

  /// @notice Stakes exactly `minimumStake()` for `attester`, pulled from `payer` (who approved the escrow).
  /// @dev Callable only by a registered rollup (the Rollup's `deposit` forwards here with payer = its caller).
  ///      A pinned validator (`followCanonical == false`) validates for the calling rollup.
  function deposit(address payer, address attester, address withdrawer, bool followCanonical) external;

  /// @notice Bulk onboarding for operators: stakes `minimumStake()` for each entry, paid by the caller.
  ///         Pinned entries validate for the canonical rollup.
  function addValidators(DepositArgs[] calldata validators) external;

  /// @notice Starts the exit of `attester`; only its withdrawer. Funds go to `recipient` after `exitDelay()`.
  function initiateWithdraw(address attester, address recipient) external;

  /// @notice Pays out an exit whose delay has passed (anyone may call).
  function finalizeWithdraw(address attester) external;

  /// @notice Slashes `amount` of `attester`'s stake; only the slasher of the rollup it validates for.
  ///         Below `ejectionThreshold()` the attester leaves the set (status LIVING).
  function slash(address attester, uint256 amount) external;

  /// @notice Moves a pinned validator to `newRollup` (a registered rollup); only its withdrawer.
  function migrate(address attester, address newRollup) external;

  /// @notice Registers `rollup` (already canonical in the Registry) as the rollup followers validate for,
  ///         from this block's timestamp on. Owner (the Governance timelock) only.
  function addRollup(address rollup) external;

  /// @notice The attester at `index` of `rollup`'s validator set as it was at `timestamp`.
  function getAttesterAtIndex(address rollup, uint256 index, uint256 timestamp) external view returns (address);

  /// @notice Batched `getAttesterAtIndex` for committee sampling (one call, many indices).
  function getAttestersAtIndices(
    address rollup,
    uint256[] calldata indices,
    uint256 timestamp
  ) external view returns (address[] memory);

  /// @notice The size of `rollup`'s validator set as it was at `timestamp`.
  function getSetSize(address rollup, uint256 timestamp) external view returns (uint256);

  /// @notice The rollup `attester` currently validates for (zero if not in any set).
  function getEffectiveRollup(address attester) external view returns (address);

  /// @notice Everything the escrow knows of `attester`.
  function getValidator(address attester) external view returns (ValidatorInfo memory);

  /// @notice The pending exit of `attester`.
  function getExit(address attester) external view returns (Exit memory);

  /// @notice Stake required per validator.
  function minimumStake() external view returns (uint256);

  /// @notice Stake below which a slashed validator leaves the set.
  function ejectionThreshold() external view returns (uint256);

  /// @notice Seconds between `initiateWithdraw` and `finalizeWithdraw`.
  function exitDelay() external view returns (uint256);

  /// @notice Sum of all stakes held (validating + living + exiting).
  function totalStaked() external view returns (uint256);
}
