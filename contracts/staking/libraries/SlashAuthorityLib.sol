// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStakingRollup} from "../interfaces/IStakingEscrow.sol";
import {ValidatorSetsLib} from "./ValidatorSetsLib.sol";

/// @title SlashAuthorityLib
/// @notice Which rollups' slashers may slash an attester (audit F-2). A rollup's slasher keeps authority over an
///         attester for `window` seconds (the escrow's exit delay, longer than the proof window plus the slashing
///         window) after the attester stopped counting for that rollup, however it stopped: an exit (the record
///         keeps the rollup it left), a `migrate` (recorded here), or a hard fork that moved the followers (read
///         from the followers' rollup history, no per-follower write). So neither `migrate` nor a hard fork lets
///         anyone escape a slash for an epoch it attested.
library SlashAuthorityLib {
  /// @notice The rollup an attester migrated away from, and until when its slasher keeps authority.
  struct Previous {
    address rollup;
    uint48 until;
  }

  /// @custom:storage-location erc7201:sp-testnet.staking.slashAuthority
  struct SlashAuthorityState {
    mapping(address attester => Previous) previous;
  }

  /// keccak256(abi.encode(uint256(keccak256("sp-testnet.staking.slashAuthority")) - 1)) & ~bytes32(uint256(0xff))
  bytes32 internal constant STORAGE_SLOT = 0x2fae6457156880abceaabc0e6751fdbb2fae4fc4bb664b8cb8dcfd959e304400;

  /// @notice Records that `attester` stopped counting for `rollup` now; its slasher keeps authority until `until`.
  function recordMigration(address attester, address rollup, uint48 until) internal {
    store().previous[attester] = Previous(rollup, until);
  }

  /// @notice The rollup whose slasher keeps authority after a migration, and until when (zero if none).
  function previousOf(address attester) internal view returns (Previous memory) {
    return store().previous[attester];
  }

  /// @notice Whether `caller` may slash `attester`.
  /// @param current The rollup the attester counts for now (or, once out of the set, the rollup it left).
  /// @param follower Whether the attester follows the canonical rollup (a hard fork moves it without a write).
  /// @param joinedAt When the attester entered the set it is (or was last) in: deposit or migration.
  /// @param window How long a rollup's slasher keeps authority after the attester left it.
  function isAuthorized(
    address attester,
    address current,
    bool follower,
    uint48 joinedAt,
    uint48 window,
    address caller
  ) internal view returns (bool) {
    if (caller == IStakingRollup(current).getSlasher()) return true;
    uint48 now_ = uint48(block.timestamp);
    Previous memory previous = store().previous[attester];
    if (previous.until > now_ && caller == IStakingRollup(previous.rollup).getSlasher()) return true;
    if (!follower) return false;
    // The rollup the follower served at the start of the window (or when it joined, if later): a hard fork
    // within the window leaves that rollup's slasher its authority, also if the follower exited since (an exit
    // lasts `window`, so that time is one it was in the set). A ZOMBIE follower out of the set for longer than
    // `window` can also be slashed by a later canonical rollup's slasher: it holds less than the ejection
    // threshold and can only exit.
    uint48 from = now_ > window ? now_ - window : 0;
    address served = ValidatorSetsLib.followersRollupAt(joinedAt > from ? joinedAt : from);
    return served != current && served != address(0) && caller == IStakingRollup(served).getSlasher();
  }

  function store() internal pure returns (SlashAuthorityState storage $) {
    bytes32 slot = STORAGE_SLOT;
    assembly ("memory-safe") {
      $.slot := slot
    }
  }
}
