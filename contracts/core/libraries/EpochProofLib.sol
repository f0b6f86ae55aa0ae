// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEpochProof, EpochProofPublicInputs, ProofConfig} from "../interfaces/IEpochProof.sol";
import {Slot, Epoch, TimeConfig, TimeLib} from "./TimeLib.sol";
import {BlobProofLib, BatchedBlobOpening} from "./BlobProofLib.sol";
import {PruneLib} from "./PruneLib.sol";
import {RewardLib} from "./RewardLib.sol";

/// @notice Read access to the Rollup's chain state (ChainStateLib), as the proof needs it.
/// @param provenTip The proven block number.
/// @param pendingTip The pending block number.
/// @param archiveOf A stored block's archive.
/// @param slotOf A stored block's slot.
/// @param epochAccumulatorOf An epoch's accumulator of header hashes and blob versioned hashes.
struct ChainView {
  uint256 provenTip;
  uint256 pendingTip;
  function(uint256) view returns (bytes32) archiveOf;
  function(uint256) view returns (Slot) slotOf;
  function(Epoch) view returns (bytes32) epochAccumulatorOf;
}

/// @title EpochProofLib
/// @notice Checks an epoch root proof (SPEC section 6). Reads a constant number of stored words whatever the
///         epoch's size: the tips, the archives and slots of the range's ends (and of the block after it), and
///         the epoch's accumulator (header hashes and blobs) built at propose time. The caller advances the proven tip.
library EpochProofLib {
  /// @notice Checks the proof of blocks `startBlock..endBlock`, credits the prover and emits `EpochProven`.
  /// @return epoch The proven epoch.
  function submit(
    ProofConfig memory cfg,
    TimeConfig memory time,
    ChainView memory chain,
    uint256 startBlock,
    uint256 endBlock,
    EpochProofPublicInputs calldata publicInputs,
    bytes calldata blobProof,
    bytes calldata proof
  ) internal returns (Epoch epoch) {
    epoch = checkRangeAndWindow(cfg, time, chain, startBlock, endBlock);
    if (publicInputs.prover == address(0)) revert IEpochProof.EpochProof__ZeroProver();
    checkStoredData(chain, epoch, endBlock, publicInputs);
    BatchedBlobOpening memory opening = BlobProofLib.verifyBatchedOpening(publicInputs.epochAccumulator, blobProof);
    bytes32 inputsHash = publicInputsHash(startBlock, endBlock, publicInputs, opening);
    if (!cfg.verifier.verify(proof, inputsHash)) revert IEpochProof.EpochProof__InvalidProof(inputsHash);

    RewardLib.creditProver(publicInputs.prover, cfg.proverReward);
    emit IEpochProof.EpochProven(epoch, startBlock, endBlock, publicInputs.endArchive, publicInputs.prover);
  }

  /// @notice The range must be the whole next unproven epoch, which must have ended, within its window.
  function checkRangeAndWindow(
    ProofConfig memory cfg,
    TimeConfig memory time,
    ChainView memory chain,
    uint256 startBlock,
    uint256 endBlock
  ) internal view returns (Epoch epoch) {
    if (chain.pendingTip == chain.provenTip) {
      revert IEpochProof.EpochProof__NothingToProve(chain.provenTip, chain.pendingTip);
    }
    if (startBlock != chain.provenTip + 1)
      revert IEpochProof.EpochProof__InvalidStartBlock(chain.provenTip + 1, startBlock);
    epoch = TimeLib.epochOf(time, chain.slotOf(startBlock));
    if (
      endBlock < startBlock ||
      endBlock > chain.pendingTip ||
      TimeLib.epochOf(time, chain.slotOf(endBlock)) != epoch ||
      (endBlock < chain.pendingTip && TimeLib.epochOf(time, chain.slotOf(endBlock + 1)) == epoch)
    ) revert IEpochProof.EpochProof__InvalidEndBlock(epoch, endBlock);

    Epoch current = TimeLib.epochAt(time, block.timestamp);
    if (current <= epoch) revert IEpochProof.EpochProof__EpochNotComplete(epoch, current);
    uint256 due = PruneLib.deadline(time, cfg.proofSubmissionEpochs, epoch);
    if (block.timestamp >= due) revert IEpochProof.EpochProof__WindowPassed(due, block.timestamp);
  }

  /// @notice The claimed archives and epoch accumulator must be the stored ones.
  function checkStoredData(
    ChainView memory chain,
    Epoch epoch,
    uint256 endBlock,
    EpochProofPublicInputs calldata publicInputs
  ) internal view {
    bytes32 previous = chain.archiveOf(chain.provenTip);
    if (publicInputs.previousArchive != previous) {
      revert IEpochProof.EpochProof__PreviousArchiveMismatch(previous, publicInputs.previousArchive);
    }
    bytes32 end = chain.archiveOf(endBlock);
    if (publicInputs.endArchive != end) revert IEpochProof.EpochProof__EndArchiveMismatch(end, publicInputs.endArchive);
    bytes32 acc = chain.epochAccumulatorOf(epoch);
    if (publicInputs.epochAccumulator != acc) {
      revert IEpochProof.EpochProof__EpochAccumulatorMismatch(acc, publicInputs.epochAccumulator);
    }
  }

  /// @notice The hash the verifier checks the proof against: chain id, Rollup address, range, public inputs
  ///         and the batched blob opening (γ, z, y, keccak256(C)), so a proof never replays across rollups,
  ///         ranges or provers.
  function publicInputsHash(
    uint256 startBlock,
    uint256 endBlock,
    EpochProofPublicInputs calldata publicInputs,
    BatchedBlobOpening memory opening
  ) internal view returns (bytes32) {
    return keccak256(abi.encode(block.chainid, address(this), startBlock, endBlock, publicInputs, opening));
  }
}
