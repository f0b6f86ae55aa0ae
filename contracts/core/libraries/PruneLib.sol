// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEpochProof} from "../interfaces/IEpochProof.sol";
import {Epoch, TimeConfig, TimeLib} from "./TimeLib.sol";
import {ChainStateLib} from "./ChainStateLib.sol";

/// @title PruneLib
/// @notice The proof submission window and prunes (SPEC section 6). An epoch can be proven from its end until
///         `windowEpochs` epochs later (`deadline`); from the deadline on, anyone prunes: the pending chain
///         returns to the proven tip and the epoch is recorded as pruned, which makes its committee slashable.
///         Reads and rolls back the chain state in ChainStateLib.
library PruneLib {
  /// @custom:storage-location erc7201:sp-testnet.rollup.prune
  struct PruneState {
    mapping(Epoch epoch => bool pruned) pruned;
  }

  /// @dev keccak256(abi.encode(uint256(keccak256("sp-testnet.rollup.prune")) - 1)) & ~bytes32(uint256(0xff))
  bytes32 internal constant STORAGE_SLOT = 0xe7e02e28b7b112e3f0735a944981b702f488169d5897ca7145a4a7cf85998c00;

  function store() internal pure returns (PruneState storage s) {
    bytes32 slot = STORAGE_SLOT;
    assembly ("memory-safe") {
      s.slot := slot
    }
  }

  /// @notice The first second at which `epoch` can no longer be proven (and can be pruned):
  ///         the start of epoch `epoch + 1 + windowEpochs`.
  function deadline(TimeConfig memory time, uint256 windowEpochs, Epoch epoch) internal pure returns (uint256) {
    return TimeLib.epochStart(time, Epoch.wrap(Epoch.unwrap(epoch) + 1 + windowEpochs));
  }

  /// @notice Whether the chain can be pruned at `ts`: there are unproven blocks and the window of the first
  ///         of them has passed.
  function canPruneAt(TimeConfig memory time, uint256 windowEpochs, uint256 ts) internal view returns (bool) {
    (uint256 provenTip, uint256 pendingTip) = ChainStateLib.provenAndPending();
    if (pendingTip <= provenTip) return false;
    return ts >= deadline(time, windowEpochs, TimeLib.epochOf(time, ChainStateLib.slotOf(provenTip + 1)));
  }

  /// @notice Checks that a prune is due now, records the first unproven epoch as pruned and rolls the pending
  ///         chain back to the proven tip.
  /// @return epoch The pruned (slashable) epoch.
  function prune(TimeConfig memory time, uint256 windowEpochs) internal returns (Epoch epoch) {
    (uint256 provenTip, uint256 pendingTip) = ChainStateLib.provenAndPending();
    if (pendingTip <= provenTip) revert IEpochProof.Prune__NothingToPrune(provenTip, pendingTip);
    epoch = TimeLib.epochOf(time, ChainStateLib.slotOf(provenTip + 1));
    uint256 due = deadline(time, windowEpochs, epoch);
    if (block.timestamp < due) revert IEpochProof.Prune__WindowOpen(due, block.timestamp);
    store().pruned[epoch] = true;
    ChainStateLib.rollbackToProven();
    emit IEpochProof.Pruned(epoch, provenTip, pendingTip);
  }

  /// @notice Whether `epoch` was pruned.
  function isPruned(Epoch epoch) internal view returns (bool) {
    return store().pruned[epoch];
  }
}
