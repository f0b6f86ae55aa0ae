// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEpochProof, EpochProofPublicInputs, ProofConfig} from "../interfaces/IEpochProof.sol";
import {Epoch, TimeConfig, TimeLib} from "./TimeLib.sol";
import {BlobProofLib, BatchedBlobOpening} from "./BlobProofLib.sol";
import {ChainStateLib} from "./ChainStateLib.sol";
import {PruneLib} from "./PruneLib.sol";
import {RewardLib} from "./RewardLib.sol";

/// @title EpochProofLib
/// @notice Checks an epoch root proof (SPEC section 6) against the chain state in ChainStateLib and advances the
///         proven tip. Reads a constant number of stored words whatever the epoch's size: the tips, the slots of
///         the range's ends (and of the block after it), the archives of the proven tip and of the range's end,
///         and the epoch's accumulator (header hashes and blobs) built at propose time.
library EpochProofLib {
  /// @notice Checks the proof of blocks `startBlock..endBlock`, advances the proven tip to `endBlock`, credits the
  ///         prover and emits `EpochProven`.
  /// @return epoch The proven epoch.
  function submit(
    ProofConfig memory cfg,
    TimeConfig memory time,
    uint256 startBlock,
    uint256 endBlock,
    EpochProofPublicInputs calldata publicInputs,
    bytes calldata blobProof,
    bytes calldata proof
  ) internal returns (Epoch epoch) {
    uint256 provenTip;
    (epoch, provenTip) = checkRangeAndWindow(cfg, time, startBlock, endBlock);
    if (publicInputs.prover == address(0)) revert IEpochProof.EpochProof__ZeroProver();
    checkStoredData(provenTip, epoch, endBlock, publicInputs);
    BatchedBlobOpening memory opening = BlobProofLib.verifyBatchedOpening(publicInputs.epochAccumulator, blobProof);
    bytes32 inputsHash = publicInputsHash(startBlock, endBlock, publicInputs, opening);
    if (!cfg.verifier.verify(proof, inputsHash)) revert IEpochProof.EpochProof__InvalidProof(inputsHash);

    ChainStateLib.setProvenBlockNumber(endBlock);
    RewardLib.creditProver(publicInputs.prover, cfg.proverReward);
    emit IEpochProof.EpochProven(epoch, startBlock, endBlock, publicInputs.endArchive, publicInputs.prover);
  }

  /// @notice The range must be the whole next unproven epoch, which must have ended, within its window.
  /// @return epoch The epoch of `startBlock`.
  /// @return provenTip The proven tip before the proof.
  function checkRangeAndWindow(
    ProofConfig memory cfg,
    TimeConfig memory time,
    uint256 startBlock,
    uint256 endBlock
  ) internal view returns (Epoch epoch, uint256 provenTip) {
    uint256 pendingTip;
    (provenTip, pendingTip) = ChainStateLib.provenAndPending();
    if (pendingTip == provenTip) revert IEpochProof.EpochProof__NothingToProve(provenTip, pendingTip);
    if (startBlock != provenTip + 1) revert IEpochProof.EpochProof__InvalidStartBlock(provenTip + 1, startBlock);
    epoch = TimeLib.epochOf(time, ChainStateLib.slotOf(startBlock));
    if (
      endBlock < startBlock ||
      endBlock > pendingTip ||
      TimeLib.epochOf(time, ChainStateLib.slotOf(endBlock)) != epoch ||
      (endBlock < pendingTip && TimeLib.epochOf(time, ChainStateLib.slotOf(endBlock + 1)) == epoch)
    ) revert IEpochProof.EpochProof__InvalidEndBlock(epoch, endBlock);

    Epoch current = TimeLib.epochAt(time, block.timestamp);
    if (current <= epoch) revert IEpochProof.EpochProof__EpochNotComplete(epoch, current);
    uint256 due = PruneLib.deadline(time, cfg.proofSubmissionEpochs, epoch);
    if (block.timestamp >= due) revert IEpochProof.EpochProof__WindowPassed(due, block.timestamp);
  }

  /// @notice The claimed archives and epoch accumulator must be the stored ones.
  function checkStoredData(
    uint256 provenTip,
    Epoch epoch,
    uint256 endBlock,
    EpochProofPublicInputs calldata publicInputs
  ) internal view {
    bytes32 previous = ChainStateLib.archiveOf(provenTip);
    if (publicInputs.previousArchive != previous) {
      revert IEpochProof.EpochProof__PreviousArchiveMismatch(previous, publicInputs.previousArchive);
    }
    bytes32 end = ChainStateLib.archiveOf(endBlock);
    if (publicInputs.endArchive != end) revert IEpochProof.EpochProof__EndArchiveMismatch(end, publicInputs.endArchive);
    bytes32 acc = ChainStateLib.epochAccumulator(epoch);
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
