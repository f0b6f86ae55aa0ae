// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEpochProof, EpochProofPublicInputs, ProofConfig} from "../core/interfaces/IEpochProof.sol";
import {IOutboxRollup} from "../core/interfaces/IOutbox.sol";
import {IInbox} from "../core/interfaces/IInbox.sol";
import {Slot, Epoch, TimeConfig, TimeLib} from "../core/libraries/TimeLib.sol";
import {BlobProofLib} from "../core/libraries/BlobProofLib.sol";
import {EpochProofLib, ChainView} from "../core/libraries/EpochProofLib.sol";
import {PruneLib} from "../core/libraries/PruneLib.sol";
import {RewardLib} from "../core/libraries/RewardLib.sol";
import {ChainStateLib} from "../core/libraries/ChainStateLib.sol";

/// @title ProofRollupHarness
/// @notice A minimal chain (no committees, no attestations) that mirrors the Rollup's chain state
///         (ChainStateLib: block log, tips, per-epoch blob accumulator) so the proof, prune, reward and messaging
///         libraries are tested with real blob transactions before and apart from the full Rollup. Test only.
contract ProofRollupHarness is IEpochProof, IOutboxRollup {
  struct StoredBlock {
    bytes32 archive;
    bytes32 outHash;
    address coinbase;
    uint64 slot;
  }

  error Harness__WrongSlot(uint256 lastSlot, uint256 slot);
  error Harness__BlobHashMismatch(uint256 index, bytes32 expected, bytes32 actual);
  error Harness__InHashMismatch(bytes32 expected, bytes32 actual);

  event L2BlockProposed(
    uint256 indexed blockNumber,
    bytes32 indexed archive,
    bytes32 headerHash,
    bytes32[] versionedHashes
  );

  uint64 internal immutable GENESIS_TIME;
  uint32 internal immutable SLOT_DURATION;
  uint32 internal immutable EPOCH_DURATION;
  IInbox internal immutable INBOX;

  ProofConfig internal proofConfig;
  uint256 public pendingTip;
  uint256 public provenTip;
  mapping(uint256 blockNumber => StoredBlock) internal blocks;
  mapping(Epoch epoch => bytes32 acc) internal accumulators;

  constructor(TimeConfig memory time, ProofConfig memory cfg, IInbox inbox, bytes32 genesisArchive) {
    GENESIS_TIME = time.genesisTime;
    SLOT_DURATION = time.slotDuration;
    EPOCH_DURATION = time.epochDuration;
    INBOX = inbox;
    proofConfig = cfg;
    blocks[0].archive = genesisArchive;
  }

  /// @notice Appends block `pendingTip + 1` in the current slot; checks each commitment against `blobhash(i)`
  ///         and `inHash` against the Inbox (when one is set), and folds the versioned hashes like ChainStateLib.
  function propose(
    bytes32 archive,
    bytes32 inHash,
    bytes32 outHash,
    address coinbase,
    bytes calldata blobCommitments
  ) external {
    TimeConfig memory time = _time();
    Slot slot = TimeLib.slotAt(time, block.timestamp);
    uint256 parent = pendingTip;
    if (parent != 0 && Slot.unwrap(slot) <= blocks[parent].slot) {
      revert Harness__WrongSlot(blocks[parent].slot, Slot.unwrap(slot));
    }
    uint256 blockNumber = parent + 1;
    if (address(INBOX) != address(0)) {
      bytes32 expected = INBOX.consume(blockNumber);
      if (expected != inHash) revert Harness__InHashMismatch(expected, inHash);
    }
    bytes32[] memory vhs = _versionedHashes(blobCommitments);
    Epoch epoch = TimeLib.epochOf(time, slot);
    bool startsEpoch = parent == 0 || TimeLib.epochOf(time, Slot.wrap(blocks[parent].slot)) != epoch;
    // This chain has no header: the hash of what it stores stands in for it, so proofs bind outHash here too.
    bytes32 headerHash = keccak256(abi.encode(archive, inHash, outHash, coinbase, slot));
    accumulators[epoch] = ChainStateLib.accumulate(startsEpoch ? bytes32(0) : accumulators[epoch], headerHash, vhs);
    blocks[blockNumber] = StoredBlock(archive, outHash, coinbase, uint64(Slot.unwrap(slot)));
    pendingTip = blockNumber;
    emit L2BlockProposed(blockNumber, archive, headerHash, vhs);
  }

  function _versionedHashes(bytes calldata blobCommitments) internal view returns (bytes32[] memory vhs) {
    uint256 n = blobCommitments.length / 48;
    vhs = new bytes32[](n);
    for (uint256 i = 0; i < n; ++i) {
      vhs[i] = BlobProofLib.versionedHash(blobCommitments[i * 48:(i + 1) * 48]);
      if (vhs[i] != blobhash(i)) revert Harness__BlobHashMismatch(i, blobhash(i), vhs[i]);
    }
  }

  /// @inheritdoc IEpochProof
  function submitEpochRootProof(
    uint256 startBlock,
    uint256 endBlock,
    EpochProofPublicInputs calldata publicInputs,
    bytes calldata blobProof,
    bytes calldata proof
  ) external {
    EpochProofLib.submit(proofConfig, _time(), _chainView(), startBlock, endBlock, publicInputs, blobProof, proof);
    provenTip = endBlock;
  }

  /// @inheritdoc IEpochProof
  function prune() external {
    uint256 proven = provenTip;
    PruneLib.prune(_time(), proofConfig.proofSubmissionEpochs, proven, pendingTip, _slotOf(proven + 1));
    pendingTip = proven;
  }

  /// @inheritdoc IEpochProof
  function claimRewards(uint256[] calldata blockNumbers) external returns (uint256) {
    return RewardLib.claim(proofConfig.rewardPool, proofConfig.blockReward, provenTip, _coinbaseOf, blockNumbers);
  }

  /// @inheritdoc IEpochProof
  function canPruneAtTime(uint256 ts) external view returns (bool) {
    uint256 proven = provenTip;
    return PruneLib.canPruneAt(_time(), proofConfig.proofSubmissionEpochs, proven, pendingTip, _slotOf(proven + 1), ts);
  }

  /// @inheritdoc IEpochProof
  function isEpochPruned(Epoch epoch) external view returns (bool) {
    return PruneLib.isPruned(epoch);
  }

  /// @inheritdoc IEpochProof
  function proofDeadline(Epoch epoch) external view returns (uint256) {
    return PruneLib.deadline(_time(), proofConfig.proofSubmissionEpochs, epoch);
  }

  /// @inheritdoc IEpochProof
  function getProverCredit(address prover) external view returns (uint256) {
    return RewardLib.proverCredit(prover);
  }

  /// @inheritdoc IEpochProof
  function isBlockRewardClaimed(uint256 blockNumber) external view returns (bool) {
    return RewardLib.isClaimed(blockNumber);
  }

  /// @inheritdoc IOutboxRollup
  function getProvenTip() external view returns (uint256) {
    return provenTip;
  }

  /// @inheritdoc IOutboxRollup
  function getOutHash(uint256 blockNumber) external view returns (bytes32) {
    return blockNumber <= pendingTip ? blocks[blockNumber].outHash : bytes32(0);
  }

  function getArchive(uint256 blockNumber) external view returns (bytes32) {
    return blocks[blockNumber].archive;
  }

  function getBlockSlot(uint256 blockNumber) external view returns (Slot) {
    return _slotOf(blockNumber);
  }

  function getEpochAccumulator(Epoch epoch) external view returns (bytes32) {
    return accumulators[epoch];
  }

  function getCurrentEpoch() external view returns (Epoch) {
    return TimeLib.epochAt(_time(), block.timestamp);
  }

  function _chainView() internal view returns (ChainView memory) {
    return ChainView(provenTip, pendingTip, _archiveOf, _slotOf, _accumulatorOf);
  }

  function _archiveOf(uint256 blockNumber) internal view returns (bytes32) {
    return blocks[blockNumber].archive;
  }

  function _slotOf(uint256 blockNumber) internal view returns (Slot) {
    return Slot.wrap(blocks[blockNumber].slot);
  }

  function _coinbaseOf(uint256 blockNumber) internal view returns (address) {
    return blocks[blockNumber].coinbase;
  }

  function _accumulatorOf(Epoch epoch) internal view returns (bytes32) {
    return accumulators[epoch];
  }

  function _time() internal view returns (TimeConfig memory) {
    return TimeConfig(GENESIS_TIME, SLOT_DURATION, EPOCH_DURATION);
  }
}
