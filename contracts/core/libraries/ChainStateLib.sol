// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Slot, Epoch} from "./TimeLib.sol";
import {BlockLog, ChainTips, IRollup} from "../interfaces/IRollup.sol";

/// @notice A block as stored: four words (archive, header hash, out hash, coinbase ‖ slot).
struct StoredBlock {
  bytes32 archive;
  bytes32 headerHash;
  bytes32 outHash;
  address coinbase;
  uint64 slot;
}

/// @title ChainStateLib
/// @notice Owns the Rollup's chain state in ERC-7201 storage: tips, the per-block log, and a per-epoch rolling
///         accumulator of each block's header hash and blob versioned hashes built at propose time (so an epoch
///         proof reads one word to bind the epoch's headers and blobs, whatever the number of blocks).
/// @dev Every reader and writer (ProposeLib, EpochProofLib, PruneLib, RewardLib, the Rollup's views) goes
///      through this library; nothing else holds chain state.
library ChainStateLib {
  /// @custom:storage-location erc7201:sp-testnet.rollup.chainState
  struct ChainState {
    /// Latest proposed block (block 0 = genesis).
    uint64 pendingBlockNumber;
    /// Latest proven block; `provenBlockNumber <= pendingBlockNumber`.
    uint64 provenBlockNumber;
    mapping(uint256 blockNumber => StoredBlock) blocks;
    /// acc_e = keccak256(acc_e ‖ headerHash ‖ vh_0 ‖ … ‖ vh_k) over the blocks of epoch e on the pending chain.
    /// The first block of an epoch on the pending chain starts from zero, so a prune cannot leave stale entries.
    mapping(Epoch epoch => bytes32 accumulator) epochAccumulator;
  }

  /// @dev keccak256(abi.encode(uint256(keccak256("sp-testnet.rollup.chainState")) - 1)) & ~bytes32(uint256(0xff))
  bytes32 internal constant STORAGE_SLOT = 0x595ae064feced50c0e7fe2adb90bab739b6658af7196e6db694cee22b0960800;

  function store() internal pure returns (ChainState storage s) {
    bytes32 slot = STORAGE_SLOT;
    assembly ("memory-safe") {
      s.slot := slot
    }
  }

  /// @notice Stores the genesis block (block 0) with `genesisArchive`.
  function initialize(bytes32 genesisArchive) internal {
    store().blocks[0].archive = genesisArchive;
  }

  /// @notice Appends block `blockNumber` (must be pending + 1, checked by the caller) and folds its header hash
  ///         and blobs into the accumulator of `epoch`.
  /// @param startsEpoch Whether the parent block lies in an earlier epoch (or is genesis): the accumulator restarts.
  function append(
    uint256 blockNumber,
    StoredBlock memory blk,
    Epoch epoch,
    bool startsEpoch,
    bytes32[] memory versionedHashes
  ) internal {
    ChainState storage s = store();
    s.blocks[blockNumber] = blk;
    s.pendingBlockNumber = uint64(blockNumber);
    bytes32 acc = startsEpoch ? bytes32(0) : s.epochAccumulator[epoch];
    s.epochAccumulator[epoch] = accumulate(acc, blk.headerHash, versionedHashes);
  }

  /// @notice One block's step of the epoch accumulator: keccak256(acc ‖ headerHash ‖ vh_0 ‖ … ‖ vh_k-1). The header
  ///         hash binds everything L1 relies on later (outHash for the Outbox, inHash, coinbase, fees) into what
  ///         the epoch proof must open; the versioned hashes bind the blobs for the batched KZG opening.
  function accumulate(
    bytes32 acc,
    bytes32 headerHash,
    bytes32[] memory versionedHashes
  ) internal pure returns (bytes32) {
    return keccak256(abi.encodePacked(acc, headerHash, versionedHashes));
  }

  /// @notice Advances the proven tip to `blockNumber` (an accepted epoch proof; the caller checked it is the last
  ///         block of the next unproven epoch, so it is at most the pending tip).
  function setProvenBlockNumber(uint256 blockNumber) internal {
    store().provenBlockNumber = uint64(blockNumber);
  }

  /// @notice Rolls the pending chain back to the proven tip (a prune). Stored blocks above it are overwritten
  ///         by the next proposals; the next block's epoch accumulator restarts (its parent is a proven block,
  ///         the last of an earlier epoch).
  function rollbackToProven() internal {
    ChainState storage s = store();
    s.pendingBlockNumber = s.provenBlockNumber;
  }

  function pendingBlockNumber() internal view returns (uint256) {
    return store().pendingBlockNumber;
  }

  function provenBlockNumber() internal view returns (uint256) {
    return store().provenBlockNumber;
  }

  /// @notice Both tips, read from their one shared storage word.
  function provenAndPending() internal view returns (uint256 proven, uint256 pending) {
    ChainState storage s = store();
    (proven, pending) = (s.provenBlockNumber, s.pendingBlockNumber);
  }

  /// @notice The stored archive of block `blockNumber` (block 0: genesis).
  function archiveOf(uint256 blockNumber) internal view returns (bytes32) {
    return store().blocks[blockNumber].archive;
  }

  /// @notice The stored slot of block `blockNumber`.
  function slotOf(uint256 blockNumber) internal view returns (Slot) {
    return Slot.wrap(store().blocks[blockNumber].slot);
  }

  function blockAt(uint256 blockNumber) internal view returns (StoredBlock storage) {
    return store().blocks[blockNumber];
  }

  function tips() internal view returns (ChainTips memory) {
    ChainState storage s = store();
    return ChainTips(s.pendingBlockNumber, s.provenBlockNumber);
  }

  function blockLog(uint256 blockNumber) internal view returns (BlockLog memory) {
    ChainState storage s = store();
    if (blockNumber > s.pendingBlockNumber) revert IRollup.Rollup__UnknownBlock(s.pendingBlockNumber, blockNumber);
    StoredBlock storage b = s.blocks[blockNumber];
    return BlockLog(b.archive, b.headerHash, b.outHash, b.coinbase, Slot.wrap(b.slot));
  }

  function epochAccumulator(Epoch epoch) internal view returns (bytes32) {
    return store().epochAccumulator[epoch];
  }
}
