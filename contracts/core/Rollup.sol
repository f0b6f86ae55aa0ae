// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IRollup, ProposedHeader, Attestations, RollupConfig, BlockLog, ChainTips} from "./interfaces/IRollup.sol";
import {IStakingEscrow, IStakingRollup} from "../staking/interfaces/IStakingEscrow.sol";
import {Slot, Epoch, TimeConfig, TimeLib} from "./libraries/TimeLib.sol";
import {ChainStateLib} from "./libraries/ChainStateLib.sol";
import {ValidatorSelectionLib} from "./libraries/ValidatorSelectionLib.sol";
import {AttestationLib} from "./libraries/AttestationLib.sol";
import {ProposeLib, ProposeContext} from "./libraries/ProposeLib.sol";
import {IEpochProof, EpochProofPublicInputs, ProofConfig} from "./interfaces/IEpochProof.sol";
import {IOutboxRollup} from "./messagebridge/interfaces/IOutbox.sol";
import {IInbox} from "./messagebridge/interfaces/IInbox.sol";
import {IVerifier} from "../verifier/interfaces/IVerifier.sol";
import {IRewardPool} from "./rewards/interfaces/IRewardPool.sol";
import {EpochProofLib} from "./libraries/EpochProofLib.sol";
import {PruneLib} from "./libraries/PruneLib.sol";
import {RewardLib} from "./libraries/RewardLib.sol";

/// @title Rollup
/// @notice L1 side of the rollup: slot clock, committees and proposers, block proposals with EIP-712 committee
///         attestations and EIP-4844 blob data availability (SPEC sections 3, 5, 6). A thin facade: the logic and
///         the chain state live in internal libraries with ERC-7201 storage (see docs/ROLLUP.md).
contract Rollup is IRollup, IStakingRollup, EIP712, Ownable {
  /// @notice Largest committee: the signer bitmap is one 256-bit word.
  uint256 public constant MAX_COMMITTEE_SIZE = 256;

  IStakingEscrow internal immutable ESCROW;
  uint64 internal immutable GENESIS_TIME;
  uint32 internal immutable SLOT_DURATION;
  uint32 internal immutable EPOCH_DURATION;
  uint256 internal immutable TARGET_COMMITTEE_SIZE;
  bool internal immutable BOOTSTRAP;
  bytes32 internal immutable GENESIS_ARCHIVE;

  // Epoch proofs, rewards and messaging (see docs/PROOFS.md, docs/MESSAGING.md).
  IVerifier internal immutable VERIFIER;
  uint256 internal immutable PROOF_SUBMISSION_EPOCHS;
  IRewardPool internal immutable REWARD_POOL;
  uint256 internal immutable BLOCK_REWARD;
  uint256 internal immutable PROVER_REWARD;
  IInbox internal immutable INBOX;

  address internal slasher;

  constructor(RollupConfig memory config) EIP712("sp-testnet Rollup", "1") Ownable(config.owner) {
    if (address(config.escrow) == address(0)) revert Rollup__ZeroAddress();
    if (config.targetCommitteeSize > MAX_COMMITTEE_SIZE) {
      revert Rollup__CommitteeTooLarge(MAX_COMMITTEE_SIZE, config.targetCommitteeSize);
    }
    uint64 genesisTime = config.genesisTime == 0 ? uint64(block.timestamp) : config.genesisTime;
    TimeLib.validate(TimeConfig(genesisTime, config.slotDuration, config.epochDuration));
    ESCROW = config.escrow;
    GENESIS_TIME = genesisTime;
    SLOT_DURATION = config.slotDuration;
    EPOCH_DURATION = config.epochDuration;
    TARGET_COMMITTEE_SIZE = config.targetCommitteeSize;
    BOOTSTRAP = config.bootstrap;
    GENESIS_ARCHIVE = config.genesisArchive;
    slasher = config.slasher;
    ProofConfig memory proofs = config.proofs;
    if (address(proofs.verifier) == address(0)) revert Rollup__ZeroAddress();
    if (proofs.proofSubmissionEpochs == 0) revert Rollup__InvalidProofSubmissionEpochs(0);
    if (address(proofs.rewardPool) == address(0) && (proofs.blockReward | proofs.proverReward) != 0) {
      revert Rollup__RewardsWithoutPool(proofs.blockReward, proofs.proverReward);
    }
    VERIFIER = proofs.verifier;
    PROOF_SUBMISSION_EPOCHS = proofs.proofSubmissionEpochs;
    REWARD_POOL = proofs.rewardPool;
    BLOCK_REWARD = proofs.blockReward;
    PROVER_REWARD = proofs.proverReward;
    INBOX = config.inbox;
    ChainStateLib.initialize(config.genesisArchive);
    ValidatorSelectionLib.initialize(config.epochDuration);
  }

  /// @inheritdoc IRollup
  function propose(
    ProposedHeader calldata header,
    Attestations calldata attestations,
    bytes calldata committee,
    bytes calldata blobCommitments
  ) external override {
    ProposeContext memory ctx = ProposeContext({
      time: _time(),
      escrow: ESCROW,
      targetCommitteeSize: TARGET_COMMITTEE_SIZE,
      bootstrap: BOOTSTRAP,
      domainSeparator: _domainSeparatorV4(),
      blobhashAt: _blobhash,
      inbox: INBOX
    });
    ProposeLib.propose(ctx, header, attestations, committee, blobCommitments);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Epoch proofs, prunes, rewards (EpochProofLib, PruneLib, RewardLib: each reads ChainStateLib itself)
  // ---------------------------------------------------------------------------------------------------------

  /// @inheritdoc IEpochProof
  function submitEpochRootProof(
    uint256 startBlock,
    uint256 endBlock,
    EpochProofPublicInputs calldata publicInputs,
    bytes calldata blobProof,
    bytes calldata proof
  ) external override {
    EpochProofLib.submit(_proofConfig(), _time(), startBlock, endBlock, publicInputs, blobProof, proof);
  }

  /// @inheritdoc IEpochProof
  function prune() external override {
    PruneLib.prune(_time(), PROOF_SUBMISSION_EPOCHS);
  }

  /// @inheritdoc IEpochProof
  function claimRewards(uint256[] calldata blockNumbers) external override returns (uint256) {
    return RewardLib.claim(REWARD_POOL, BLOCK_REWARD, blockNumbers);
  }

  /// @inheritdoc IEpochProof
  function canPruneAtTime(uint256 ts) external view override returns (bool) {
    return PruneLib.canPruneAt(_time(), PROOF_SUBMISSION_EPOCHS, ts);
  }

  /// @inheritdoc IEpochProof
  function isEpochPruned(Epoch epoch) external view override returns (bool) {
    return PruneLib.isPruned(epoch);
  }

  /// @inheritdoc IEpochProof
  function proofDeadline(Epoch epoch) external view override returns (uint256) {
    return PruneLib.deadline(_time(), PROOF_SUBMISSION_EPOCHS, epoch);
  }

  /// @inheritdoc IEpochProof
  function getProverCredit(address prover) external view override returns (uint256) {
    return RewardLib.proverCredit(prover);
  }

  /// @inheritdoc IEpochProof
  function isBlockRewardClaimed(uint256 blockNumber) external view override returns (bool) {
    return RewardLib.isClaimed(blockNumber);
  }

  /// @inheritdoc IOutboxRollup
  function getProvenTip() external view override returns (uint256) {
    return ChainStateLib.provenBlockNumber();
  }

  /// @inheritdoc IOutboxRollup
  function getOutHash(uint256 blockNumber) external view override returns (bytes32) {
    return blockNumber <= ChainStateLib.pendingBlockNumber() ? ChainStateLib.blockAt(blockNumber).outHash : bytes32(0);
  }

  /// @inheritdoc IRollup
  function setupEpoch() external override returns (bytes32 committeeHash) {
    TimeConfig memory time = _time();
    (committeeHash, ) = ValidatorSelectionLib.setup(
      time,
      ESCROW,
      TARGET_COMMITTEE_SIZE,
      TimeLib.epochAt(time, block.timestamp)
    );
  }

  /// @inheritdoc IRollup
  function deposit(
    address attester,
    address withdrawer,
    bool followCanonical,
    bytes calldata signature
  ) external override {
    ESCROW.deposit(msg.sender, attester, withdrawer, followCanonical, signature);
  }

  /// @inheritdoc IRollup
  function setSlasher(address newSlasher) external override onlyOwner {
    emit SlasherUpdated(slasher, newSlasher);
    slasher = newSlasher;
  }

  /// @inheritdoc IStakingRollup
  function getSlasher() external view override returns (address) {
    return slasher;
  }

  /// @inheritdoc IRollup
  function getCurrentSlot() external view override returns (Slot) {
    return TimeLib.slotAt(_time(), block.timestamp);
  }

  /// @inheritdoc IRollup
  function getCurrentEpoch() external view override returns (Epoch) {
    return TimeLib.epochAt(_time(), block.timestamp);
  }

  /// @inheritdoc IRollup
  function getCurrentProposer() external view override returns (address) {
    return getProposerAt(block.timestamp);
  }

  /// @inheritdoc IRollup
  function getProposerAt(uint256 timestamp) public view override returns (address) {
    TimeConfig memory time = _time();
    return ValidatorSelectionLib.proposerOf(time, ESCROW, TARGET_COMMITTEE_SIZE, TimeLib.slotAt(time, timestamp));
  }

  /// @inheritdoc IRollup
  function getEpochCommittee(Epoch epoch) external view override returns (address[] memory) {
    return ValidatorSelectionLib.committeeOf(_time(), ESCROW, TARGET_COMMITTEE_SIZE, epoch);
  }

  /// @inheritdoc IRollup
  function getCommitteeHash(Epoch epoch) external view override returns (bytes32) {
    return ValidatorSelectionLib.committeeHashOf(epoch);
  }

  /// @inheritdoc IRollup
  function getSampleSeed(Epoch epoch) external view override returns (uint256) {
    return ValidatorSelectionLib.seedOf(epoch);
  }

  /// @inheritdoc IRollup
  function isSeedFixed(Epoch epoch) external view override returns (bool) {
    return ValidatorSelectionLib.isSeedFixed(epoch);
  }

  /// @inheritdoc IRollup
  function getSnapshotTime(Epoch epoch) external view override returns (uint256) {
    return ValidatorSelectionLib.snapshotTime(_time(), epoch);
  }

  /// @inheritdoc IRollup
  function getTips() external view override returns (ChainTips memory) {
    return ChainStateLib.tips();
  }

  /// @inheritdoc IRollup
  function getPendingTip() external view override returns (uint256 blockNumber, bytes32 archive) {
    blockNumber = ChainStateLib.pendingBlockNumber();
    archive = ChainStateLib.blockAt(blockNumber).archive;
  }

  /// @inheritdoc IRollup
  function getBlock(uint256 blockNumber) external view override returns (BlockLog memory) {
    return ChainStateLib.blockLog(blockNumber);
  }

  /// @inheritdoc IRollup
  function getEpochAccumulator(Epoch epoch) external view override returns (bytes32) {
    return ChainStateLib.epochAccumulator(epoch);
  }

  /// @inheritdoc IRollup
  function getConfig() external view override returns (RollupConfig memory) {
    return
      RollupConfig({
        escrow: ESCROW,
        genesisTime: GENESIS_TIME,
        slotDuration: SLOT_DURATION,
        epochDuration: EPOCH_DURATION,
        targetCommitteeSize: TARGET_COMMITTEE_SIZE,
        bootstrap: BOOTSTRAP,
        genesisArchive: GENESIS_ARCHIVE,
        slasher: slasher,
        owner: owner(),
        proofs: _proofConfig(),
        inbox: INBOX
      });
  }

  /// @inheritdoc IRollup
  function getAttestationDigest(ProposedHeader calldata header) external view override returns (bytes32) {
    return AttestationLib.digest(_domainSeparatorV4(), AttestationLib.headerHash(header));
  }

  /// @dev `blobhash(index)` of the current transaction; overridden only by test harnesses.
  function _blobhash(uint256 index) internal view virtual returns (bytes32) {
    return blobhash(index);
  }

  function _proofConfig() internal view returns (ProofConfig memory) {
    return ProofConfig(VERIFIER, PROOF_SUBMISSION_EPOCHS, REWARD_POOL, BLOCK_REWARD, PROVER_REWARD);
  }

  function _time() internal view returns (TimeConfig memory) {
    return TimeConfig(GENESIS_TIME, SLOT_DURATION, EPOCH_DURATION);
  }
}
