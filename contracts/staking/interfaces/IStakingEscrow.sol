// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Lifecycle of an attester in the escrow (SPEC section 4).
/// NONE → VALIDATING → EXITING → (withdrawn: NONE); ZOMBIE = staked below the ejection threshold, can only exit.
enum Status {
  NONE,
  VALIDATING,
  ZOMBIE,
  EXITING
}

/// @notice One validator to add in a bulk `addValidators` call.
struct DepositArgs {
  address attester;
  address withdrawer;
  bool followCanonical;
  /// The attester's EIP-712 `StakeConsent` signature (see `stakeConsentDigest`); may be empty when the caller is
  /// the attester itself.
  bytes signature;
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
  /// @notice Emitted when `attester` stakes `amount` (pinned to `pinnedRollup`, or following the canonical
  ///         rollup when `pinnedRollup` is zero).
  event Deposited(
    address indexed attester,
    address indexed withdrawer,
    address indexed pinnedRollup,
    bool followCanonical,
    uint256 amount
  );
  /// @notice Emitted when the withdrawer starts the exit of `attester`.
  event WithdrawInitiated(address indexed attester, address indexed recipient, uint256 amount, uint256 exitableAt);
  /// @notice Emitted when an exit is paid out.
  event WithdrawFinalized(address indexed attester, address indexed recipient, uint256 amount);
  /// @notice Emitted when `slasher` takes `amount` of `attester`'s stake (sent to the slasher).
  event Slashed(address indexed attester, address indexed slasher, uint256 amount, uint256 remainingStake);
  /// @notice Emitted when a slash leaves `attester` below the ejection threshold: it leaves the set (ZOMBIE).
  event Ejected(address indexed attester, address indexed rollup, uint256 remainingStake);
  /// @notice Emitted when `attester` moves from `fromRollup` (zero: it followed the canonical rollup) to `toRollup`.
  event Migrated(address indexed attester, address indexed fromRollup, address indexed toRollup);
  /// @notice Emitted when `rollup` becomes the rollup followers validate for, from `since` on.
  event RollupAdded(address indexed rollup, uint256 since);

  /// @notice Thrown when an address argument that must be set is zero.
  error StakingEscrow__ZeroAddress();
  /// @notice Thrown when depositing for an attester that already has stake (any status but NONE).
  error StakingEscrow__AttesterAlreadyStaked(address attester, Status status);
  /// @notice Thrown when a rollup is not registered in the escrow (deposit caller, migrate target).
  error StakingEscrow__UnregisteredRollup(address rollup);
  /// @notice Thrown when `addRollup` is given a rollup that is not the Registry's canonical one.
  error StakingEscrow__NotCanonical(address canonical, address given);
  /// @notice Thrown when `addRollup` is given a rollup that was added before.
  error StakingEscrow__RollupAlreadyAdded(address rollup);
  /// @notice Thrown when a function needs a rollup and none was added yet.
  error StakingEscrow__NoRollup();
  /// @notice Thrown when the payer's allowance to the escrow is below what the call pulls.
  error StakingEscrow__InsufficientAllowance(uint256 required, uint256 allowance);
  /// @notice Thrown when the caller is not the attester's withdrawer.
  error StakingEscrow__NotWithdrawer(address withdrawer, address caller);
  /// @notice Thrown when the caller is not the slasher of the rollup the attester validates (or validated) for.
  error StakingEscrow__NotSlasher(address slasher, address caller);
  /// @notice Thrown when finalizing an exit before its delay has passed.
  error StakingEscrow__ExitNotReady(uint256 exitableAt, uint256 now);
  /// @notice Thrown when the attester has no stake (status NONE).
  error StakingEscrow__UnknownAttester(address attester);
  /// @notice Thrown when the attester's status does not allow the call.
  error StakingEscrow__InvalidStatus(address attester, Status expected, Status actual);
  /// @notice Thrown when migrating again while the rollup left by the last migration keeps slash authority.
  error StakingEscrow__MigrationPending(uint256 until);
  /// @notice Thrown when migrating a pinned validator to the rollup it already validates for.
  error StakingEscrow__SameRollup(address rollup);
  /// @notice Thrown when a slash amount is zero or an empty list is given.
  error StakingEscrow__ZeroAmount();
  /// @notice Thrown when `slashBatch` gets lists of different lengths.
  error StakingEscrow__LengthMismatch(uint256 attesters, uint256 amounts);
  /// @notice Thrown when a set index is not below the set's size at the timestamp.
  error StakingEscrow__IndexOutOfBounds(uint256 index, uint256 size);
  /// @notice Thrown when a set read asks for a timestamp after the current block's.
  error StakingEscrow__FutureLookup(uint256 timestamp, uint256 now);
  /// @notice Thrown by `delegate`/`delegateBySig`: an attester's votes are delegated by its withdrawer.
  error StakingEscrow__DelegateThroughWithdrawer();
  /// @notice Thrown by the constructor unless 0 < minimumStake <= uint88 max and ejectionThreshold <= minimumStake.
  error StakingEscrow__InvalidStakeParameters(uint256 minimumStake, uint256 ejectionThreshold);
  /// @notice Thrown by the constructor unless 0 < exitDelay <= uint32 max (seconds).
  error StakingEscrow__InvalidExitDelay(uint256 exitDelay);
  /// @notice Thrown when the attester's stake consent is missing or signed by another key.
  error StakingEscrow__InvalidConsent(address attester, address recovered);
  /// @notice Thrown when `addValidators` is given an empty list.
  error StakingEscrow__EmptyList();

  /// @notice Stakes exactly `minimumStake()` for `attester`, pulled from `payer` (who approved the escrow).
  /// @dev Callable only by a registered rollup (the Rollup's `deposit` forwards here with payer = its caller).
  ///      A pinned validator (`followCanonical == false`) validates for the calling rollup; a follower for the
  ///      rollup followers serve (the latest added). The attester delegates its votes to itself.
  /// @param payer The account the stake is pulled from.
  /// @param attester The key that signs attestations and proposals.
  /// @param withdrawer The key that alone can exit, migrate and redelegate.
  /// @param followCanonical True to follow the canonical rollup across upgrades.
  /// @param signature The attester's consent over `stakeConsentDigest(attester, withdrawer, rollup, followCanonical)`
  ///        with `rollup` the calling rollup; ignored (may be empty) when `payer` is the attester itself.
  /// @custom:reverts StakingEscrow__UnregisteredRollup if the caller is not a registered rollup.
  /// @custom:reverts StakingEscrow__InvalidConsent if the signature does not recover `attester`.
  /// @custom:reverts StakingEscrow__ZeroAddress if `attester` or `withdrawer` is zero.
  /// @custom:reverts StakingEscrow__AttesterAlreadyStaked if `attester` has stake.
  /// @custom:reverts StakingEscrow__InsufficientAllowance if `payer` approved less than `minimumStake()`.
  function deposit(
    address payer,
    address attester,
    address withdrawer,
    bool followCanonical,
    bytes calldata signature
  ) external;

  /// @notice Bulk onboarding for operators: stakes `minimumStake()` for each entry, paid by the caller.
  ///         Pinned entries validate for the canonical rollup (the latest added). Each entry carries its
  ///         attester's consent signed for `rollup` = the canonical rollup (participants submit it with their
  ///         address).
  /// @param validators The attesters to add, with their withdrawers, follow flags and consents.
  /// @custom:reverts StakingEscrow__NoRollup if no rollup was added.
  /// @custom:reverts StakingEscrow__EmptyList if the list is empty.
  /// @custom:reverts StakingEscrow__InvalidConsent if an entry's consent does not recover its attester.
  /// @custom:reverts StakingEscrow__ZeroAddress, StakingEscrow__AttesterAlreadyStaked per entry (whole call reverts).
  /// @custom:reverts StakingEscrow__InsufficientAllowance if the caller approved less than the total.
  function addValidators(DepositArgs[] calldata validators) external;

  /// @notice Starts the exit of `attester`; only its withdrawer. Funds go to `recipient` after `exitDelay()`.
  /// @dev The attester leaves its set at once (if VALIDATING) and its voting units are burned; its stake stays
  ///      slashable by the slasher of the rollup it left until the exit is finalized.
  /// @param attester A VALIDATING or ZOMBIE attester.
  /// @param recipient Who receives the stake.
  /// @custom:reverts StakingEscrow__ZeroAddress if `recipient` is zero.
  /// @custom:reverts StakingEscrow__UnknownAttester if `attester` has no stake.
  /// @custom:reverts StakingEscrow__NotWithdrawer if the caller is not the withdrawer.
  /// @custom:reverts StakingEscrow__InvalidStatus if `attester` is already EXITING.
  function initiateWithdraw(address attester, address recipient) external;

  /// @notice Pays out an exit whose delay has passed (anyone may call). The attester returns to NONE.
  /// @param attester An EXITING attester.
  /// @custom:reverts StakingEscrow__UnknownAttester if `attester` has no stake.
  /// @custom:reverts StakingEscrow__InvalidStatus if `attester` is not EXITING.
  /// @custom:reverts StakingEscrow__ExitNotReady before `exitableAt`.
  function finalizeWithdraw(address attester) external;

  /// @notice Slashes `amount` of `attester`'s stake (capped at its stake); only the slasher of the rollup it
  ///         validates for (or, once out of the set, validated for last), or of a rollup it left by `migrate` or
  ///         by a hard fork less than `exitDelay()` ago (audit F-2). Slashed tokens go to the slasher.
  ///         Below `ejectionThreshold()` a VALIDATING attester leaves the set (status ZOMBIE).
  /// @param attester A staked attester (any status but NONE).
  /// @param amount Tokens to take.
  /// @custom:reverts StakingEscrow__ZeroAmount if `amount` is zero.
  /// @custom:reverts StakingEscrow__UnknownAttester if `attester` has no stake.
  /// @custom:reverts StakingEscrow__NotSlasher if the caller is none of those slashers.
  function slash(address attester, uint256 amount) external;

  /// @notice Slashes a list in one call, as `slash` does each entry, with the voting-supply checkpoint written
  ///         once and the tokens sent to the caller in one transfer. An entry the caller may not slash (no stake,
  ///         or none of its slashers) is skipped instead of reverting the batch.
  /// @param attesters The attesters (any order; a repeated attester is slashed twice).
  /// @param amounts Tokens to take from each (capped at its stake).
  /// @return total Tokens taken (sent to the caller).
  /// @return skipped Per entry, whether it was skipped.
  /// @custom:reverts StakingEscrow__LengthMismatch if the lists differ in length.
  /// @custom:reverts StakingEscrow__ZeroAmount if an amount is zero.
  function slashBatch(
    address[] calldata attesters,
    uint256[] calldata amounts
  ) external returns (uint256 total, bool[] memory skipped);

  /// @notice The EIP-712 digest an attester signs to consent to being staked with `withdrawer` through `rollup`.
  function stakeConsentDigest(
    address attester,
    address withdrawer,
    address rollup,
    bool followCanonical
  ) external view returns (bytes32);

  /// @notice Whether `caller` may slash `attester` now (see `slash`).
  /// @custom:reverts StakingEscrow__UnknownAttester if `attester` has no stake.
  function canSlash(address attester, address caller) external view returns (bool);

  /// @notice Pins `attester` to `newRollup` (a registered rollup); only its withdrawer. It leaves its current
  ///         set and joins the new one in the same transaction: never in two sets, stake unchanged.
  ///         A follower that migrates becomes pinned. The rollup left keeps its slasher's authority for
  ///         `exitDelay()`, and no second migration is accepted until then.
  /// @param attester A VALIDATING attester.
  /// @param newRollup The rollup to validate for.
  /// @custom:reverts StakingEscrow__UnknownAttester if `attester` has no stake.
  /// @custom:reverts StakingEscrow__NotWithdrawer if the caller is not the withdrawer.
  /// @custom:reverts StakingEscrow__InvalidStatus if `attester` is not VALIDATING.
  /// @custom:reverts StakingEscrow__UnregisteredRollup if `newRollup` is not registered.
  /// @custom:reverts StakingEscrow__SameRollup if `attester` is already pinned to `newRollup`.
  /// @custom:reverts StakingEscrow__MigrationPending within `exitDelay()` of its last migration.
  function migrate(address attester, address newRollup) external;

  /// @notice Registers `rollup` (already canonical in the Registry) as the rollup followers validate for,
  ///         from this block's timestamp on. Owner (the Governance timelock) only.
  /// @param rollup The Registry's canonical rollup.
  /// @custom:reverts StakingEscrow__ZeroAddress if `rollup` is zero.
  /// @custom:reverts StakingEscrow__RollupAlreadyAdded if `rollup` was added before.
  /// @custom:reverts StakingEscrow__NotCanonical if the Registry's canonical rollup is another.
  /// @custom:reverts OwnableUnauthorizedAccount if the caller is not the owner.
  function addRollup(address rollup) external;

  /// @notice Delegates `attester`'s voting units to `delegatee`; only the withdrawer.
  /// @param attester A staked attester.
  /// @param delegatee The new delegate (the attester itself to undo a delegation).
  /// @custom:reverts StakingEscrow__ZeroAddress if `delegatee` is zero.
  /// @custom:reverts StakingEscrow__UnknownAttester if `attester` has no stake.
  /// @custom:reverts StakingEscrow__NotWithdrawer if the caller is not the withdrawer.
  function delegateFor(address attester, address delegatee) external;

  /// @notice The attester at `index` of `rollup`'s validator set as it was at `timestamp`.
  /// @dev The set at `t` is the state after the last block with timestamp <= t. Pinned validators come first
  ///      (indices 0..p-1), then followers if `rollup` was the followers' rollup at `t`.
  /// @param rollup A rollup.
  /// @param index Position in the set, below `getSetSize(rollup, timestamp)`.
  /// @param timestamp An L1 timestamp not after the current block's.
  /// @return The attester.
  /// @custom:reverts StakingEscrow__FutureLookup if `timestamp > block.timestamp`.
  /// @custom:reverts StakingEscrow__IndexOutOfBounds if `index` is not below the set size.
  function getAttesterAtIndex(address rollup, uint256 index, uint256 timestamp) external view returns (address);

  /// @notice Batched `getAttesterAtIndex` for committee sampling (one call, many indices).
  /// @param rollup A rollup.
  /// @param indices Positions in the set.
  /// @param timestamp An L1 timestamp not after the current block's.
  /// @return The attesters, in the order of `indices`.
  /// @custom:reverts StakingEscrow__FutureLookup if `timestamp > block.timestamp`.
  /// @custom:reverts StakingEscrow__IndexOutOfBounds if an index is not below the set size.
  function getAttestersAtIndices(
    address rollup,
    uint256[] calldata indices,
    uint256 timestamp
  ) external view returns (address[] memory);

  /// @notice The size of `rollup`'s validator set as it was at `timestamp`.
  /// @param rollup A rollup.
  /// @param timestamp An L1 timestamp not after the current block's.
  /// @return The number of validators.
  /// @custom:reverts StakingEscrow__FutureLookup if `timestamp > block.timestamp`.
  function getSetSize(address rollup, uint256 timestamp) external view returns (uint256);

  /// @notice The rollup `attester` currently validates for (zero if not in any set).
  /// @param attester Any address.
  /// @return The rollup.
  function getEffectiveRollup(address attester) external view returns (address);

  /// @notice Everything the escrow knows of `attester`.
  /// @param attester Any address.
  /// @return The record (all zero for an unknown attester).
  function getValidator(address attester) external view returns (ValidatorInfo memory);

  /// @notice The pending exit of `attester` (all zero if not EXITING).
  /// @param attester Any address.
  /// @return The exit; `amount` is the current (possibly slashed) stake.
  function getExit(address attester) external view returns (Exit memory);

  /// @notice Whether `rollup` was added with `addRollup`.
  /// @param rollup Any address.
  /// @return True if registered.
  function isRollup(address rollup) external view returns (bool);

  /// @notice The rollup followers validate for now (zero before the first `addRollup`).
  /// @return The rollup.
  function getFollowersRollup() external view returns (address);

  /// @notice The rollup followers validated for at `timestamp`.
  /// @param timestamp An L1 timestamp.
  /// @return The rollup (zero before the first `addRollup`).
  function getFollowersRollupAt(uint256 timestamp) external view returns (address);

  /// @notice The Registry whose canonical rollup `addRollup` checks.
  /// @return The Registry address.
  function registry() external view returns (address);

  /// @notice The staking token.
  /// @return The ERC-20 address.
  function asset() external view returns (address);

  /// @notice Stake required per validator.
  /// @return Token units.
  function minimumStake() external view returns (uint256);

  /// @notice Stake below which a slashed validator leaves the set.
  /// @return Token units.
  function ejectionThreshold() external view returns (uint256);

  /// @notice Seconds between `initiateWithdraw` and `finalizeWithdraw`.
  /// @return Seconds.
  function exitDelay() external view returns (uint256);

  /// @notice Sum of all stakes held (validating + zombie + exiting).
  /// @return Token units.
  function totalStaked() external view returns (uint256);
}
