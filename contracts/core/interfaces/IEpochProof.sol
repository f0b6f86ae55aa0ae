// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Epoch} from "../libraries/TimeLib.sol";
import {IVerifier} from "../../verifier/interfaces/IVerifier.sol";
import {IRewardPool} from "../rewards/interfaces/IRewardPool.sol";

/// @notice Deployment parameters of epoch proofs and rewards.
/// @param verifier The proof verifier.
/// @param proofSubmissionEpochs Epochs after an epoch's end during which it can be proven (default 1).
/// @param rewardPool Pays rewards.
/// @param blockReward Reward per proven block, to its coinbase.
/// @param proverReward Reward per proven epoch, to the prover named in the public inputs.
struct ProofConfig {
  IVerifier verifier;
  uint256 proofSubmissionEpochs;
  IRewardPool rewardPool;
  uint256 blockReward;
  uint256 proverReward;
}

/// @notice What an epoch proof claims, besides the block range (SPEC section 6).
/// @param previousArchive Archive of the last proven block (the epoch's parent).
/// @param endArchive Archive of the epoch's last block.
/// @param epochAccumulator The epoch's rolling hash of each block's header hash and blob versioned hashes, built at
///        propose time (binds every header field L1 relies on later — outHash, inHash, coinbase, fees — and the blobs)
///        (`acc ← keccak256(acc ‖ headerHash ‖ vh_0 ‖ … ‖ vh_k)` per block, from zero at the epoch's first block),
///        which the proof used to batch the blobs.
/// @param prover The address credited with the prover reward; bound into the proof so that a copied
///        proof cannot redirect the reward.
struct EpochProofPublicInputs {
  bytes32 previousArchive;
  bytes32 endArchive;
  bytes32 epochAccumulator;
  address prover;
}

/// @title IEpochProof
/// @notice Epoch proofs, prunes and rewards of the Rollup (SPEC section 6). The Rollup implements it; its
///         logic lives in `EpochProofLib`, `BlobProofLib`, `PruneLib` and `RewardLib`.
interface IEpochProof {
  /// @notice Emitted when an epoch's proof is accepted and the proven tip advances to `endBlock`.
  event EpochProven(
    Epoch indexed epoch,
    uint256 startBlock,
    uint256 indexed endBlock,
    bytes32 endArchive,
    address indexed prover
  );
  /// @notice Emitted when the pending chain is rolled back to the proven tip because the proof window of
  ///         `epoch` passed; `epoch`'s committee is slashable from then on.
  event Pruned(Epoch indexed epoch, uint256 provenTip, uint256 prunedPendingTip);
  /// @notice Emitted when `account` claims `amount` of the reward asset (prover and sequencer credits).
  event RewardsClaimed(address indexed account, uint256 amount);

  /// @notice Thrown when the proof does not start right after the proven tip.
  error EpochProof__InvalidStartBlock(uint256 expected, uint256 actual);
  /// @notice Thrown when `endBlock` is not the last block of `epoch` (the epoch of `startBlock`) on the
  ///         pending chain.
  error EpochProof__InvalidEndBlock(Epoch epoch, uint256 endBlock);
  /// @notice Thrown when there is no unproven block to prove.
  error EpochProof__NothingToProve(uint256 provenTip, uint256 pendingTip);
  /// @notice Thrown when the epoch has not ended yet (a proof covers a complete epoch).
  error EpochProof__EpochNotComplete(Epoch epoch, Epoch currentEpoch);
  /// @notice Thrown when the proof submission window of the epoch has passed (it can only be pruned).
  error EpochProof__WindowPassed(uint256 deadline, uint256 timestamp);
  /// @notice Thrown when `previousArchive` is not the stored archive of the proven tip.
  error EpochProof__PreviousArchiveMismatch(bytes32 expected, bytes32 actual);
  /// @notice Thrown when `endArchive` is not the stored archive of the epoch's last block.
  error EpochProof__EndArchiveMismatch(bytes32 expected, bytes32 actual);
  /// @notice Thrown when the proof claims other headers or blobs than those accumulated at propose time.
  error EpochProof__EpochAccumulatorMismatch(bytes32 expected, bytes32 actual);
  /// @notice Thrown when the verifier rejects the proof.
  error EpochProof__InvalidProof(bytes32 publicInputsHash);
  /// @notice Thrown when the prover address is zero.
  error EpochProof__ZeroProver();

  /// @notice Thrown when the batched blob proof is not `commitment(48) ‖ y(32) ‖ kzgProof(48)`.
  error BlobProof__InvalidLength(uint256 expected, uint256 actual);
  /// @notice Thrown when the point evaluation precompile refuses the batched opening `p(z) = y`.
  error BlobProof__PointEvaluationFailed(uint256 z, uint256 y);

  /// @notice Thrown when `prune()` is called while the pending chain equals the proven chain.
  error Prune__NothingToPrune(uint256 provenTip, uint256 pendingTip);
  /// @notice Thrown when `prune()` is called before the proof window of the next unproven epoch ends.
  error Prune__WindowOpen(uint256 deadline, uint256 timestamp);

  /// @notice Thrown when an account claims with no credited reward.
  error Reward__NothingToClaim(address account);
  /// @notice Thrown when a claim lists a block above the proven tip (pruned or unproven blocks earn nothing).
  error Reward__BlockNotProven(uint256 provenTip, uint256 blockNumber);
  /// @notice Thrown when a claim lists a block whose coinbase is not the caller.
  error Reward__NotCoinbase(uint256 blockNumber, address coinbase, address caller);
  /// @notice Thrown when a claim lists a block whose reward was already claimed.
  error Reward__AlreadyClaimed(uint256 blockNumber);

  /// @notice Proves the next unproven epoch: blocks `startBlock..endBlock`.
  /// @dev Checks in order: there is something to prove; range = the next unproven epoch (start = proven
  ///      tip + 1, end = that epoch's last block); the epoch has ended and its window is open; archives;
  ///      the blob commitments; the batched KZG opening (precompile 0x0a, challenges derived on-chain);
  ///      `IVerifier.verify(proof, publicInputsHash)`. Then advances the proven tip and credits rewards.
  /// @param startBlock First block of the epoch (proven tip + 1).
  /// @param endBlock Last block of the epoch.
  /// @param publicInputs Archives, blob commitments hash and prover (see `EpochProofPublicInputs`).
  /// @param blobProof `C(48) ‖ y(32) ‖ kzgProof(48)`: the batched commitment `C = Σ γ^i C_i`, the batched
  ///        evaluation `y = Σ γ^i p_i(z)` and the KZG proof of `p(z) = y` for `C`.
  /// @param proof The proof bytes for the verifier.
  /// @custom:reverts EpochProof__NothingToProve if proven tip = pending tip.
  /// @custom:reverts EpochProof__InvalidStartBlock if `startBlock` is not proven tip + 1.
  /// @custom:reverts EpochProof__InvalidEndBlock if `endBlock` is not the epoch's last block.
  /// @custom:reverts EpochProof__EpochNotComplete if the epoch has not ended.
  /// @custom:reverts EpochProof__WindowPassed if the proof submission window has passed.
  /// @custom:reverts EpochProof__ZeroProver if `publicInputs.prover` is zero.
  /// @custom:reverts EpochProof__PreviousArchiveMismatch if `previousArchive` is not the proven tip's.
  /// @custom:reverts EpochProof__EndArchiveMismatch if `endArchive` is not the last block's.
  /// @custom:reverts EpochProof__EpochAccumulatorMismatch if the epoch accumulator differs from the stored one.
  /// @custom:reverts BlobProof__InvalidLength if `blobProof` is not 128 bytes.
  /// @custom:reverts BlobProof__PointEvaluationFailed if the batched opening does not verify.
  /// @custom:reverts EpochProof__InvalidProof if the verifier rejects the proof.
  function submitEpochRootProof(
    uint256 startBlock,
    uint256 endBlock,
    EpochProofPublicInputs calldata publicInputs,
    bytes calldata blobProof,
    bytes calldata proof
  ) external;

  /// @notice Rolls the pending chain back to the proven tip once the next unproven epoch's proof window has
  ///         passed, and records that epoch as slashable. Anyone may call it.
  /// @custom:reverts Prune__NothingToPrune if proven tip = pending tip.
  /// @custom:reverts Prune__WindowOpen if the window has not passed yet.
  function prune() external;

  /// @notice Whether `prune()` would succeed at time `ts` given the current chain.
  /// @param ts A timestamp (seconds).
  /// @return True if there are unproven blocks and the window of the first of them has passed at `ts`.
  function canPruneAtTime(uint256 ts) external view returns (bool);

  /// @notice Whether `epoch` was pruned unproven, which makes its committee slashable.
  /// @param epoch The epoch.
  /// @return True if `epoch` was pruned.
  function isEpochPruned(Epoch epoch) external view returns (bool);

  /// @notice The last second at which a proof of `epoch` is accepted, plus one (prune opens then).
  /// @param epoch The epoch.
  /// @return The first second at which `epoch` can no longer be proven.
  function proofDeadline(Epoch epoch) external view returns (uint256);

  /// @notice The prover reward credited to `prover` and not claimed yet.
  /// @param prover The prover address.
  /// @return The amount of the reward asset.
  function getProverCredit(address prover) external view returns (uint256);

  /// @notice Whether the sequencer reward of block `blockNumber` was claimed.
  /// @param blockNumber The L2 block number.
  /// @return True if claimed.
  function isBlockRewardClaimed(uint256 blockNumber) external view returns (bool);

  /// @notice Pays the caller its prover credit plus `blockReward` for each listed proven block whose coinbase
  ///         is the caller, from the reward pool. Pull payment: the proof itself credits only the prover.
  /// @param blockNumbers Proven blocks the caller proposed (coinbase); may be empty to claim the prover credit.
  /// @return amount The amount paid.
  /// @custom:reverts Reward__BlockNotProven if a block is above the proven tip.
  /// @custom:reverts Reward__NotCoinbase if a block's coinbase is not the caller.
  /// @custom:reverts Reward__AlreadyClaimed if a block's reward was claimed (or is listed twice).
  /// @custom:reverts Reward__NothingToClaim if the total is zero.
  /// @custom:reverts RewardPool__InsufficientFunds if the pool cannot pay (credits stay).
  function claimRewards(uint256[] calldata blockNumbers) external returns (uint256 amount);
}
