// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SnapshotSetLib} from "./SnapshotSetLib.sol";

/// @title VotesLib
/// @notice The escrow's ERC-5805 vote checkpoints, kept with OpenZeppelin `Checkpoints` (Trace208, timestamp keys)
///         so that a deposit writes none. The votes of an account are split in two:
///         - `own`: the account's own voting units while it delegates to itself (an attester's stake);
///         - `delegated`: the units other attesters delegated to it.
///         `getVotes(a) = own(a) + delegated(a)` at every timestamp, which is what OpenZeppelin `Votes` returns
///         for the same history (checked by a differential fuzz test against OZ `Votes`).
/// @dev The first `own` checkpoint of a stake is implicit: a deposit gives exactly `initial` units (the minimum
///      stake) to an attester that delegates to itself (a new stake always starts self-delegated), at the
///      record's `stakedAt`; so is the first slash of a self-delegated stake with an implicit trace (the escrow
///      keeps its time beside the slashed amount, one slot: a slash of a fresh attester writes no trace). Both
///      are written out (`pushOwn`) before the first explicit checkpoint of that stake, so
///      once a stake changed, its history is all in the trace, and after the record is deleted (an exit always
///      writes the trace) the trace alone answers. Keys only grow: a stake starts after the previous one's exit
///      checkpoint because the exit delay is at least one second.
///      The delegatee is stored only when it is not the attester itself, and cleared when the stake is paid out.
library VotesLib {
  using Checkpoints for Checkpoints.Trace208;

  /// @custom:storage-location erc7201:sp-testnet.staking.votes
  struct VotesState {
    mapping(address attester => address) delegatee;
    mapping(address account => Checkpoints.Trace208) own;
    mapping(address account => Checkpoints.Trace208) delegated;
  }

  /// keccak256(abi.encode(uint256(keccak256("sp-testnet.staking.votes")) - 1)) & ~bytes32(uint256(0xff))
  bytes32 internal constant STORAGE_SLOT = 0xb3ed8294876ac2f1f3862bbf7b13089eb2d2260005615dbfc7cb9e6682cb6500;

  /// @notice The delegate of `attester`: itself unless another was chosen.
  function delegateOf(address attester) internal view returns (address) {
    address chosen = store().delegatee[attester];
    return chosen == address(0) ? attester : chosen;
  }

  /// @notice Makes `delegatee` the delegate of `attester` (stored as zero when it is the attester itself).
  function setDelegate(address attester, address delegatee) internal {
    store().delegatee[attester] = delegatee == attester ? address(0) : delegatee;
  }

  /// @notice Resets `attester`'s delegate to itself.
  /// @return previous The delegate it had.
  function clearDelegate(address attester) internal returns (address previous) {
    previous = delegateOf(attester);
    delete store().delegatee[attester];
  }

  /// @notice What an account's escrow record says about its own units while its trace holds nothing of its
  ///         current stake: `initial` units from `stakedAt`, `initial - slashed` from `slashedAt` (zero: no slash
  ///         yet). The escrow records at most one slash this way (the first while the trace is implicit).
  struct Implicit {
    bool staked;
    uint48 stakedAt;
    uint48 slashedAt;
    uint256 initial;
    uint256 slashed;
  }

  /// @notice `account`'s own units at the end of the last block with timestamp <= `timestamp`.
  /// @param implicit_ Its record (see `Implicit`; `staked` false when it has no stake now).
  function ownAt(address account, uint48 timestamp, Implicit memory implicit_) internal view returns (uint256) {
    Checkpoints.Trace208 storage trace = store().own[account];
    if (implicit_.staked && timestamp >= implicit_.stakedAt && _implicit(trace, implicit_.stakedAt)) {
      bool slashed = implicit_.slashedAt != 0 && timestamp >= implicit_.slashedAt;
      return slashed ? implicit_.initial - implicit_.slashed : implicit_.initial;
    }
    return SnapshotSetLib.lookup(trace, timestamp);
  }

  /// @notice `account`'s own units at `timestamp` as its trace alone says (what `ownAt` returns when the record
  ///         does not answer).
  function tracedOwnAt(address account, uint48 timestamp) internal view returns (uint256) {
    return SnapshotSetLib.lookup(store().own[account], timestamp);
  }

  /// @notice Whether `account`'s trace holds nothing of the stake deposited at `stakedAt` (its units are implicit).
  function isImplicit(address account, uint48 stakedAt) internal view returns (bool) {
    return _implicit(store().own[account], stakedAt);
  }

  /// @notice Records that `account`'s own units are `value` from `now_` on (writing out the implicit checkpoints
  ///         of its stake first, the deposit and the implicit slash, if the trace holds nothing of it yet).
  function pushOwn(address account, uint48 now_, uint256 value, Implicit memory implicit_) internal {
    Checkpoints.Trace208 storage trace = store().own[account];
    if (_implicit(trace, implicit_.stakedAt)) {
      if (implicit_.stakedAt != now_) trace.push(implicit_.stakedAt, uint208(implicit_.initial));
      if (implicit_.slashedAt != 0 && implicit_.slashedAt != now_) {
        trace.push(implicit_.slashedAt, uint208(implicit_.initial - implicit_.slashed));
      }
    }
    trace.push(now_, uint208(value));
  }

  /// @notice The units delegated to `account` by other attesters now.
  function delegated(address account) internal view returns (uint256) {
    return store().delegated[account].latest();
  }

  /// @notice The units delegated to `account` at the end of the last block with timestamp <= `timestamp`.
  function delegatedAt(address account, uint48 timestamp) internal view returns (uint256) {
    return SnapshotSetLib.lookup(store().delegated[account], timestamp);
  }

  /// @notice Adds `amount` to the units delegated to `account` (subtracts it if `increase` is false).
  /// @return previous The units before.
  function changeDelegated(
    address account,
    uint48 now_,
    uint256 amount,
    bool increase
  ) internal returns (uint256 previous) {
    Checkpoints.Trace208 storage trace = store().delegated[account];
    previous = trace.latest();
    trace.push(now_, uint208(increase ? previous + amount : previous - amount));
  }

  /// @dev Whether the trace holds nothing of the stake deposited at `stakedAt` (its deposit is implicit).
  function _implicit(Checkpoints.Trace208 storage trace, uint48 stakedAt) private view returns (bool) {
    (bool exists, uint48 latestKey, ) = trace.latestCheckpoint();
    return !exists || latestKey < stakedAt;
  }

  function store() internal pure returns (VotesState storage $) {
    bytes32 slot = STORAGE_SLOT;
    assembly ("memory-safe") {
      $.slot := slot
    }
  }
}
