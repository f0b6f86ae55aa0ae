// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRegistry} from "../governance/interfaces/IRegistry.sol";
import {
  IStakingEscrow,
  IStakingRollup,
  Status,
  DepositArgs,
  ValidatorInfo,
  Exit
} from "./interfaces/IStakingEscrow.sol";
import {SlashAuthorityLib} from "./libraries/SlashAuthorityLib.sol";
import {StakeConsentLib} from "./libraries/StakeConsentLib.sol";
import {ValidatorSetsLib} from "./libraries/ValidatorSetsLib.sol";
import {VotesLib} from "./libraries/VotesLib.sol";

/// @title StakingEscrow
/// @notice One escrow for every rollup version: holds the stake, keeps each rollup's validator set as
///         checkpointed snapshots, and gives one ERC-5805 voting unit per staked token (timestamp clock).
/// @dev Validator sets live in ValidatorSetsLib (ERC-7201 storage); no function loops over a set.
///      Votes (ERC-5805: IVotes + IERC6372): kept by VotesLib with OpenZeppelin `Checkpoints`, equal to what OZ
///      `Votes` returns for the same history; the voting supply rides in the followers' set-size checkpoint. An
///      attester is implicitly self-delegated and its deposit checkpoint is implicit in its record, so a deposit
///      writes no vote storage; its withdrawer redelegates with `delegateFor`. Units exist while the attester is
///      VALIDATING or ZOMBIE. `totalStaked` is derived: the voting supply plus the stake of EXITING attesters.
contract StakingEscrow is IStakingEscrow, IERC5805, Ownable, EIP712 {
  using SafeERC20 for IERC20;

  /// @dev Slot 1: withdrawer, status, index (position in its set while VALIDATING), stakedAt (when it deposited:
  ///      the key of its implicit first vote checkpoint, VotesLib; for a follower also when it entered the
  ///      followers' set, which bounds which past rollups' slashers keep authority, SlashAuthorityLib). Slot 2:
  ///      rollup, pinned: zero for a follower, so onboarding a follower writes one slot. `rollup`: the pinned
  ///      rollup; zero for a follower in the set; once out of the set (ZOMBIE, EXITING) the rollup it left, whose
  ///      slasher may still slash it. What was slashed is kept apart (`SlashState`).
  struct Record {
    address withdrawer;
    Status status;
    uint40 index;
    uint48 stakedAt;
    address rollup;
    bool pinned;
  }

  /// @dev One slot per slashed attester (none for the others): stake = minimumStake - slashed. `implicitAt`: the
  ///      time of the slash whose vote checkpoint is implicit (VotesLib.Implicit), zero if none; so the first
  ///      slash of a fresh attester writes this one slot and no vote trace.
  struct SlashState {
    uint88 slashed;
    uint48 implicitAt;
  }

  struct PendingExit {
    address recipient;
    uint48 exitableAt;
  }

  IERC20 private immutable _ASSET;
  IRegistry private immutable _REGISTRY;
  uint256 private immutable _MINIMUM_STAKE;
  uint256 private immutable _EJECTION_THRESHOLD;
  uint256 private immutable _EXIT_DELAY;

  /// @dev Stake of EXITING attesters (no votes); with the voting supply it makes `totalStaked`.
  uint256 private _exitingStake;
  mapping(address attester => Record) private _records;
  mapping(address attester => PendingExit) private _exits;
  mapping(address rollup => bool) private _isRollup;
  mapping(address attester => SlashState) private _slashes;

  constructor(
    IERC20 asset_,
    IRegistry registry_,
    address owner_,
    uint256 minimumStake_,
    uint256 ejectionThreshold_,
    uint256 exitDelay_
  ) Ownable(owner_) EIP712("StakingEscrow", "1") {
    if (address(asset_) == address(0) || address(registry_) == address(0)) revert StakingEscrow__ZeroAddress();
    if (minimumStake_ == 0 || minimumStake_ > type(uint88).max || ejectionThreshold_ > minimumStake_) {
      revert StakingEscrow__InvalidStakeParameters(minimumStake_, ejectionThreshold_);
    }
    // A zero delay would let anyone escape any slash; VotesLib also relies on an exit and the next stake of the
    // same attester having different timestamps.
    if (exitDelay_ == 0 || exitDelay_ > type(uint32).max) revert StakingEscrow__InvalidExitDelay(exitDelay_);
    _ASSET = asset_;
    _REGISTRY = registry_;
    _MINIMUM_STAKE = minimumStake_;
    _EJECTION_THRESHOLD = ejectionThreshold_;
    _EXIT_DELAY = exitDelay_;
  }

  // ---------------------------------------------------------------- stake in

  /// @inheritdoc IStakingEscrow
  function deposit(
    address payer,
    address attester,
    address withdrawer,
    bool followCanonical,
    bytes calldata signature
  ) external {
    if (!_isRollup[msg.sender]) revert StakingEscrow__UnregisteredRollup(msg.sender);
    _stake(attester, withdrawer, followCanonical ? address(0) : msg.sender);
    _checkConsent(payer, attester, withdrawer, msg.sender, followCanonical, signature); // after the entry's own checks
    _pull(payer, _MINIMUM_STAKE);
  }

  /// @inheritdoc IStakingEscrow
  function addValidators(DepositArgs[] calldata validators) external {
    uint256 count = validators.length;
    if (count == 0) revert StakingEscrow__EmptyList();
    address canonical = ValidatorSetsLib.followersRollup();
    if (canonical == address(0)) revert StakingEscrow__NoRollup();
    for (uint256 i = 0; i < count; ++i) {
      DepositArgs calldata v = validators[i];
      _stake(v.attester, v.withdrawer, v.followCanonical ? address(0) : canonical);
      _checkConsent(msg.sender, v.attester, v.withdrawer, canonical, v.followCanonical, v.signature);
    }
    _pull(msg.sender, count * _MINIMUM_STAKE);
  }

  // ---------------------------------------------------------------- stake out

  /// @inheritdoc IStakingEscrow
  function initiateWithdraw(address attester, address recipient) external {
    if (recipient == address(0)) revert StakingEscrow__ZeroAddress();
    Record storage record = _knownRecord(attester);
    _onlyWithdrawer(record);
    Status status = record.status;
    if (status == Status.EXITING) revert StakingEscrow__InvalidStatus(attester, Status.VALIDATING, status);
    uint256 stake = _stakeOf(attester, record);
    if (status == Status.VALIDATING) _leaveSet(record, stake);
    else ValidatorSetsLib.changeVotingSupply(clock(), stake, false);
    // Always writes the attester's own trace if it is self-delegated (even at zero stake): a deleted record's
    // history must be all in the trace (VotesLib).
    _changeVotes(attester, VotesLib.delegateOf(attester), stake, false);
    record.status = Status.EXITING;
    _exitingStake += stake;
    uint48 exitableAt = SafeCast.toUint48(block.timestamp + _EXIT_DELAY);
    _exits[attester] = PendingExit(recipient, exitableAt);
    emit WithdrawInitiated(attester, recipient, stake, exitableAt);
  }

  /// @inheritdoc IStakingEscrow
  function finalizeWithdraw(address attester) external {
    Record storage record = _knownRecord(attester);
    if (record.status != Status.EXITING) {
      revert StakingEscrow__InvalidStatus(attester, Status.EXITING, record.status);
    }
    PendingExit memory pending = _exits[attester];
    if (block.timestamp < pending.exitableAt) {
      revert StakingEscrow__ExitNotReady(pending.exitableAt, block.timestamp);
    }
    uint256 amount = _stakeOf(attester, record);
    delete _records[attester];
    delete _slashes[attester];
    delete _exits[attester];
    _exitingStake -= amount;
    // A new stake starts self-delegated: clearing here spares the deposit a read.
    address previousDelegate = VotesLib.clearDelegate(attester);
    if (previousDelegate != attester) emit DelegateChanged(attester, previousDelegate, attester);
    emit WithdrawFinalized(attester, pending.recipient, amount);
    if (amount != 0) _ASSET.safeTransfer(pending.recipient, amount);
  }

  /// @inheritdoc IStakingEscrow
  function slash(address attester, uint256 amount) external {
    if (amount == 0) revert StakingEscrow__ZeroAmount();
    Record storage record = _knownRecord(attester);
    address rollup = _rollupOf(record);
    if (!_canSlash(attester, record, rollup, msg.sender)) {
      revert StakingEscrow__NotSlasher(IStakingRollup(rollup).getSlasher(), msg.sender);
    }
    uint48 now_ = clock();
    (uint256 taken, uint256 supplyDecrease) = _slashRecord(attester, record, rollup, amount, now_);
    ValidatorSetsLib.changeVotingSupply(now_, supplyDecrease, false);
    if (taken != 0) _ASSET.safeTransfer(msg.sender, taken);
  }

  /// @inheritdoc IStakingEscrow
  function slashBatch(
    address[] calldata attesters,
    uint256[] calldata amounts
  ) external returns (uint256 total, bool[] memory skipped) {
    uint256 n = attesters.length;
    if (n != amounts.length) revert StakingEscrow__LengthMismatch(n, amounts.length);
    skipped = new bool[](n);
    uint48 now_ = clock();
    uint256 supplyDecrease;
    // The slasher of the rollup last looked at: a batch of one rollup's validators asks it once.
    address[2] memory cache; // [rollup, its slasher]
    for (uint256 i = 0; i < n; ++i) {
      if (amounts[i] == 0) revert StakingEscrow__ZeroAmount();
      (bool skip, uint256 taken, uint256 decrease) = _slashEntry(attesters[i], amounts[i], now_, cache);
      skipped[i] = skip;
      total += taken;
      supplyDecrease += decrease;
    }
    ValidatorSetsLib.changeVotingSupply(now_, supplyDecrease, false);
    if (total != 0) _ASSET.safeTransfer(msg.sender, total);
  }

  /// @dev One entry of `slashBatch`: skipped if `attester` has no stake or the caller may not slash it.
  function _slashEntry(
    address attester,
    uint256 amount,
    uint48 now_,
    address[2] memory cache
  ) private returns (bool skip, uint256 taken, uint256 supplyDecrease) {
    Record storage record = _records[attester];
    if (record.status == Status.NONE) return (true, 0, 0);
    address rollup = _rollupOf(record);
    if (rollup != cache[0]) {
      cache[0] = rollup;
      cache[1] = IStakingRollup(rollup).getSlasher();
    }
    if (cache[1] != msg.sender && !_canSlash(attester, record, rollup, msg.sender)) return (true, 0, 0);
    (taken, supplyDecrease) = _slashRecord(attester, record, rollup, amount, now_);
  }

  /// @dev Takes up to `amount` of an authorized slash from `attester`'s record, votes and set (ejecting it below
  ///      the threshold); returns what it took and how much the caller takes off the voting supply (the caller
  ///      writes the supply checkpoint once for a batch, and transfers the tokens).
  function _slashRecord(
    address attester,
    Record storage record,
    address rollup,
    uint256 amount,
    uint48 now_
  ) private returns (uint256 taken, uint256 supplyDecrease) {
    SlashState storage slashState = _slashes[attester];
    uint256 stake = _stakeOf(attester, record);
    taken = amount < stake ? amount : stake;
    uint256 remaining = stake - taken;
    Status status = record.status;
    if (status == Status.EXITING) {
      _exitingStake -= taken;
    } else if (taken != 0) {
      address delegatee = VotesLib.delegateOf(attester);
      if (delegatee == attester && slashState.implicitAt == 0 && VotesLib.isImplicit(attester, record.stakedAt)) {
        // The first slash of a stake whose votes are all implicit stays implicit: its time goes beside the
        // slashed amount (written below, one slot) and no vote checkpoint is written (VotesLib.Implicit).
        slashState.implicitAt = now_;
        uint256 previous = stake + VotesLib.delegated(attester);
        emit DelegateVotesChanged(attester, previous, previous - taken);
      } else {
        _changeVotes(attester, delegatee, taken, false);
      }
      supplyDecrease = taken;
      if (status == Status.VALIDATING && remaining < _EJECTION_THRESHOLD) {
        _removeFromSet(record, record.rollup, now_, 0);
        if (!record.pinned) record.rollup = ValidatorSetsLib.followersRollup();
        record.status = Status.ZOMBIE;
        emit Ejected(attester, rollup, remaining);
      }
    }
    slashState.slashed += uint88(taken);
    emit Slashed(attester, msg.sender, taken, remaining);
  }

  // ---------------------------------------------------------------- rollups

  /// @inheritdoc IStakingEscrow
  function migrate(address attester, address newRollup) external {
    Record storage record = _knownRecord(attester);
    _onlyWithdrawer(record);
    if (record.status != Status.VALIDATING) {
      revert StakingEscrow__InvalidStatus(attester, Status.VALIDATING, record.status);
    }
    if (!_isRollup[newRollup]) revert StakingEscrow__UnregisteredRollup(newRollup);
    address from = record.rollup; // zero for a follower
    if (from == newRollup) revert StakingEscrow__SameRollup(newRollup);
    uint48 now_ = clock();
    // One migration per exit delay: the rollup left keeps its slasher's authority that long (audit F-2).
    uint48 pendingUntil = SlashAuthorityLib.previousOf(attester).until;
    if (pendingUntil > now_) revert StakingEscrow__MigrationPending(pendingUntil);
    SlashAuthorityLib.recordMigration(attester, _rollupOf(record), SafeCast.toUint48(now_ + _EXIT_DELAY));
    _removeFromSet(record, from, now_, 0);
    record.index = uint40(ValidatorSetsLib.add(attester, newRollup, now_, 0));
    record.rollup = newRollup;
    record.pinned = true;
    emit Migrated(attester, from, newRollup);
  }

  /// @inheritdoc IStakingEscrow
  function addRollup(address rollup) external onlyOwner {
    if (rollup == address(0)) revert StakingEscrow__ZeroAddress();
    if (_isRollup[rollup]) revert StakingEscrow__RollupAlreadyAdded(rollup);
    address canonical = _REGISTRY.getCanonicalRollup();
    if (canonical != rollup) revert StakingEscrow__NotCanonical(canonical, rollup);
    _isRollup[rollup] = true;
    ValidatorSetsLib.setFollowersRollup(rollup, clock());
    emit RollupAdded(rollup, block.timestamp);
  }

  // ---------------------------------------------------------------- votes

  /// @inheritdoc IStakingEscrow
  function delegateFor(address attester, address delegatee) external {
    if (delegatee == address(0)) revert StakingEscrow__ZeroAddress();
    Record storage record = _knownRecord(attester);
    _onlyWithdrawer(record);
    address previous = VotesLib.delegateOf(attester);
    VotesLib.setDelegate(attester, delegatee);
    emit DelegateChanged(attester, previous, delegatee);
    uint256 units = _unitsOf(attester, record);
    if (previous == delegatee || units == 0) return;
    _changeVotes(attester, previous, units, false);
    _changeVotes(attester, delegatee, units, true);
  }

  /// @notice Refused: an attester's votes are delegated by its withdrawer through `delegateFor`.
  function delegate(address) external pure {
    revert StakingEscrow__DelegateThroughWithdrawer();
  }

  /// @notice Refused: an attester's votes are delegated by its withdrawer through `delegateFor`.
  function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) external pure {
    revert StakingEscrow__DelegateThroughWithdrawer();
  }

  /// @notice The delegate of `account`: itself unless its withdrawer chose another.
  function delegates(address account) external view returns (address) {
    return VotesLib.delegateOf(account);
  }

  /// @notice The votes of `account` now: its own units while self-delegated plus those delegated to it.
  function getVotes(address account) external view returns (uint256) {
    return _ownAt(account, clock()) + VotesLib.delegated(account);
  }

  /// @notice The votes of `account` at the end of the last block with timestamp <= `timepoint`.
  /// @custom:reverts StakingEscrow__FutureLookup unless `timepoint` is before the current block's timestamp.
  function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
    uint48 t = _strictlyPast(timepoint);
    return _ownAt(account, t) + VotesLib.delegatedAt(account, t);
  }

  /// @notice The voting supply (stake of VALIDATING and ZOMBIE attesters) at the end of the last block with
  ///         timestamp <= `timepoint`.
  /// @custom:reverts StakingEscrow__FutureLookup unless `timepoint` is before the current block's timestamp.
  function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
    return ValidatorSetsLib.votingSupplyAt(_strictlyPast(timepoint));
  }

  /// @notice ERC-6372 clock: the block timestamp.
  function clock() public view returns (uint48) {
    return SafeCast.toUint48(block.timestamp);
  }

  /// @notice ERC-6372 clock mode.
  // solhint-disable-next-line func-name-mixedcase
  function CLOCK_MODE() external pure returns (string memory) {
    return "mode=timestamp";
  }

  // ---------------------------------------------------------------- set reads

  /// @inheritdoc IStakingEscrow
  function getAttesterAtIndex(address rollup, uint256 index, uint256 timestamp) external view returns (address) {
    uint256[] memory indices = new uint256[](1);
    indices[0] = index;
    return _attestersAt(rollup, indices, timestamp)[0];
  }

  /// @inheritdoc IStakingEscrow
  function getAttestersAtIndices(
    address rollup,
    uint256[] calldata indices,
    uint256 timestamp
  ) external view returns (address[] memory) {
    return _attestersAt(rollup, indices, timestamp);
  }

  /// @inheritdoc IStakingEscrow
  function getSetSize(address rollup, uint256 timestamp) external view returns (uint256) {
    return ValidatorSetsLib.sizeAt(rollup, _pastTimestamp(timestamp));
  }

  // ---------------------------------------------------------------- views

  /// @inheritdoc IStakingEscrow
  function getEffectiveRollup(address attester) public view returns (address) {
    Record storage record = _records[attester];
    if (record.status != Status.VALIDATING) return address(0);
    return record.pinned ? record.rollup : ValidatorSetsLib.followersRollup();
  }

  /// @inheritdoc IStakingEscrow
  function getValidator(address attester) external view returns (ValidatorInfo memory) {
    Record storage record = _records[attester];
    return
      ValidatorInfo({
        stake: _stakeOf(attester, record),
        withdrawer: record.withdrawer,
        pinnedRollup: record.pinned ? record.rollup : address(0),
        followCanonical: !record.pinned,
        status: record.status
      });
  }

  /// @inheritdoc IStakingEscrow
  function stakeConsentDigest(
    address attester,
    address withdrawer,
    address rollup,
    bool followCanonical
  ) public view returns (bytes32) {
    return _hashTypedDataV4(StakeConsentLib.structHash(attester, withdrawer, rollup, followCanonical));
  }

  /// @inheritdoc IStakingEscrow
  function canSlash(address attester, address caller) external view returns (bool) {
    Record storage record = _knownRecord(attester);
    return _canSlash(attester, record, _rollupOf(record), caller);
  }

  /// @inheritdoc IStakingEscrow
  function getExit(address attester) external view returns (Exit memory) {
    PendingExit memory pending = _exits[attester];
    if (pending.exitableAt == 0) return Exit(0, address(0), 0);
    return Exit(_stakeOf(attester, _records[attester]), pending.recipient, pending.exitableAt);
  }

  /// @inheritdoc IStakingEscrow
  function isRollup(address rollup) external view returns (bool) {
    return _isRollup[rollup];
  }

  /// @inheritdoc IStakingEscrow
  function getFollowersRollup() external view returns (address) {
    return ValidatorSetsLib.followersRollup();
  }

  /// @inheritdoc IStakingEscrow
  function getFollowersRollupAt(uint256 timestamp) external view returns (address) {
    return ValidatorSetsLib.followersRollupAt(SafeCast.toUint48(timestamp));
  }

  /// @inheritdoc IStakingEscrow
  function registry() external view returns (address) {
    return address(_REGISTRY);
  }

  /// @inheritdoc IStakingEscrow
  function asset() external view returns (address) {
    return address(_ASSET);
  }

  /// @inheritdoc IStakingEscrow
  function minimumStake() external view returns (uint256) {
    return _MINIMUM_STAKE;
  }

  /// @inheritdoc IStakingEscrow
  function ejectionThreshold() external view returns (uint256) {
    return _EJECTION_THRESHOLD;
  }

  /// @inheritdoc IStakingEscrow
  function exitDelay() external view returns (uint256) {
    return _EXIT_DELAY;
  }

  /// @inheritdoc IStakingEscrow
  function totalStaked() external view returns (uint256) {
    return ValidatorSetsLib.votingSupply() + _exitingStake;
  }

  // ---------------------------------------------------------------- internals

  /// @dev Records `attester` as VALIDATING with `minimumStake`, in `pinnedRollup`'s set (followers if zero),
  ///      self-delegated (a finalized stake cleared its delegate). Its first vote checkpoint is implicit in the
  ///      record (VotesLib), the voting supply rides in the followers' size checkpoint, and a follower's second
  ///      record slot stays zero: one record slot, one set position and one size checkpoint are all it writes.
  ///      The caller pulls the tokens afterwards.
  function _stake(address attester, address withdrawer, address pinnedRollup) private {
    if (attester == address(0) || withdrawer == address(0)) revert StakingEscrow__ZeroAddress();
    Record storage record = _records[attester];
    if (record.status != Status.NONE) revert StakingEscrow__AttesterAlreadyStaked(attester, record.status);
    uint256 amount = _MINIMUM_STAKE;
    uint48 now_ = clock();
    uint256 index = ValidatorSetsLib.add(attester, pinnedRollup, now_, amount);
    record.withdrawer = withdrawer;
    record.status = Status.VALIDATING;
    record.index = uint40(index);
    record.stakedAt = now_;
    bool pinned = pinnedRollup != address(0);
    if (pinned) {
      record.rollup = pinnedRollup;
      record.pinned = true;
    }
    uint256 delegatedIn = VotesLib.delegated(attester);
    emit DelegateVotesChanged(attester, delegatedIn, delegatedIn + amount);
    emit Deposited(attester, withdrawer, pinnedRollup, !pinned, amount);
  }

  /// @dev An attester paying for itself consents by sending; anyone else needs its signature (audit F-4).
  function _checkConsent(
    address payer,
    address attester,
    address withdrawer,
    address rollup,
    bool followCanonical,
    bytes calldata signature
  ) private view {
    if (payer == attester) return;
    StakeConsentLib.check(stakeConsentDigest(attester, withdrawer, rollup, followCanonical), attester, signature);
  }

  function _pull(address payer, uint256 amount) private {
    uint256 allowance = _ASSET.allowance(payer, address(this));
    if (allowance < amount) revert StakingEscrow__InsufficientAllowance(amount, allowance);
    _ASSET.safeTransferFrom(payer, address(this), amount);
  }

  /// @dev Removes a VALIDATING attester from its set, taking `supplyDecrease` off the voting supply; a follower
  ///      remembers the rollup it left.
  function _leaveSet(Record storage record, uint256 supplyDecrease) private {
    _removeFromSet(record, record.rollup, clock(), supplyDecrease);
    if (!record.pinned) record.rollup = ValidatorSetsLib.followersRollup();
  }

  /// @dev Swap-and-pop out of `setKey`'s set (followers if zero); the moved member takes the freed index.
  function _removeFromSet(Record storage record, address setKey, uint48 now_, uint256 supplyDecrease) private {
    uint40 index = record.index;
    address moved = ValidatorSetsLib.remove(index, setKey, now_, supplyDecrease);
    if (moved != address(0)) _records[moved].index = index;
  }

  function _canSlash(
    address attester,
    Record storage record,
    address rollup,
    address caller
  ) private view returns (bool) {
    uint48 window = uint48(_EXIT_DELAY);
    return SlashAuthorityLib.isAuthorized(attester, rollup, !record.pinned, record.stakedAt, window, caller);
  }

  /// @dev The rollup whose slasher has authority now: the pinned one, the one left (out of the set), or for a
  ///      follower in the set the followers' rollup.
  function _rollupOf(Record storage record) private view returns (address) {
    address rollup = record.rollup;
    return rollup == address(0) ? ValidatorSetsLib.followersRollup() : rollup;
  }

  function _stakeOf(address attester, Record storage record) private view returns (uint256) {
    return record.status == Status.NONE ? 0 : _MINIMUM_STAKE - _slashes[attester].slashed;
  }

  function _knownRecord(address attester) private view returns (Record storage record) {
    record = _records[attester];
    if (record.status == Status.NONE) revert StakingEscrow__UnknownAttester(attester);
  }

  function _onlyWithdrawer(Record storage record) private view {
    if (msg.sender != record.withdrawer) revert StakingEscrow__NotWithdrawer(record.withdrawer, msg.sender);
  }

  function _attestersAt(
    address rollup,
    uint256[] memory indices,
    uint256 timestamp
  ) private view returns (address[] memory attesters) {
    uint256 size;
    (attesters, size) = ValidatorSetsLib.attestersAt(rollup, indices, _pastTimestamp(timestamp));
    for (uint256 i = 0; i < indices.length; ++i) {
      if (indices[i] >= size) revert StakingEscrow__IndexOutOfBounds(indices[i], size);
    }
  }

  function _pastTimestamp(uint256 timestamp) private view returns (uint48) {
    if (timestamp > block.timestamp) revert StakingEscrow__FutureLookup(timestamp, block.timestamp);
    return uint48(timestamp);
  }

  function _strictlyPast(uint256 timepoint) private view returns (uint48) {
    if (timepoint >= block.timestamp) revert StakingEscrow__FutureLookup(timepoint, block.timestamp);
    return uint48(timepoint);
  }

  /// @dev Voting units: the stake while VALIDATING or ZOMBIE; none once EXITING.
  function _unitsOf(address attester, Record storage record) private view returns (uint256) {
    Status status = record.status;
    return status == Status.VALIDATING || status == Status.ZOMBIE ? _stakeOf(attester, record) : 0;
  }

  /// @dev `account`'s own units (VotesLib) at `t`.
  function _ownAt(address account, uint48 t) private view returns (uint256) {
    Record storage record = _records[account];
    uint48 stakedAt = record.stakedAt;
    // The slash state is read only when the record answers (a trace that holds the stake answers alone).
    if (record.status != Status.NONE && t >= stakedAt && VotesLib.isImplicit(account, stakedAt)) {
      return VotesLib.ownAt(account, t, _implicitOf(account));
    }
    return VotesLib.tracedOwnAt(account, t);
  }

  /// @dev What `account`'s record says about its own units (VotesLib.Implicit).
  function _implicitOf(address account) private view returns (VotesLib.Implicit memory) {
    Record storage record = _records[account];
    SlashState memory slashState = _slashes[account];
    return
      VotesLib.Implicit({
        staked: record.status != Status.NONE,
        stakedAt: record.stakedAt,
        slashedAt: slashState.implicitAt,
        initial: _MINIMUM_STAKE,
        slashed: slashState.slashed
      });
  }

  /// @dev Adds (or removes) `amount` of `attester`'s units to the votes of `account`, its delegate: the
  ///      attester's own trace if it is its own delegate, else the account's delegated trace.
  function _changeVotes(address attester, address account, uint256 amount, bool increase) private {
    uint48 now_ = clock();
    uint256 previous;
    if (account == attester) {
      VotesLib.Implicit memory implicit_ = _implicitOf(attester);
      uint256 own = VotesLib.ownAt(attester, now_, implicit_);
      previous = own + VotesLib.delegated(attester);
      VotesLib.pushOwn(attester, now_, increase ? own + amount : own - amount, implicit_);
    } else {
      previous = VotesLib.changeDelegated(account, now_, amount, increase) + _ownAt(account, now_);
    }
    if (amount != 0) emit DelegateVotesChanged(account, previous, increase ? previous + amount : previous - amount);
  }
}
