// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Slot, Epoch} from "../libraries/TimeLib.sol";
import {IStakingEscrow} from "../../staking/interfaces/IStakingEscrow.sol";
import {IEpochProof, ProofConfig} from "./IEpochProof.sol";
import {IOutboxRollup} from "../messagebridge/interfaces/IOutbox.sol";
import {IInbox} from "../messagebridge/interfaces/IInbox.sol";

/// @notice An L2 block header as proposed to L1 (SPEC section 6). `archive` chains the headers:
///         each block's `lastArchive` is its parent's `archive`.
struct ProposedHeader {
  bytes32 lastArchive;
  bytes32 archive;
  uint256 blockNumber;
  Slot slot;
  uint256 timestamp;
  address coinbase;
  uint256 txCount;
  bytes32 inHash;
  bytes32 outHash;
  /// keccak256 of the packed versioned hashes of the block's blobs, in blob order.
  bytes32 blobsHash;
  uint256 totalFees;
}

/// @notice Committee attestations in a tight encoding: bit `i` of `signerBitmap` (LSB = committee index 0)
///         marks a signing member; `signatures` packs their 65-byte `r ‖ s ‖ v` signatures in committee order.
struct Attestations {
  uint256 signerBitmap;
  bytes signatures;
}

/// @notice Deployment parameters of a Rollup.
struct RollupConfig {
  /// The StakingEscrow that holds this rollup's validator set.
  IStakingEscrow escrow;
  /// First second of slot 0 (0 = the deployment block's timestamp).
  uint64 genesisTime;
  /// Seconds per slot.
  uint32 slotDuration;
  /// Slots per epoch.
  uint32 epochDuration;
  /// Committee size when the set is at least that large (at most 256: the signer bitmap is one word).
  uint256 targetCommitteeSize;
  /// Committee-less bootstrap (phase 1): while an epoch's committee is empty, anyone may propose.
  bool bootstrap;
  /// Archive of the genesis block (block 0), the parent of block 1.
  bytes32 genesisArchive;
  /// The address allowed to slash this rollup's validators (IStakingRollup.getSlasher).
  address slasher;
  /// Owner (governance): may change the slasher.
  address owner;
  /// Epoch proofs and rewards: verifier, proof submission window (epochs), reward pool and amounts.
  ProofConfig proofs;
  /// The Inbox whose trees blocks consume (`inHash`); zero disables L1→L2 messaging (`inHash` must be zero).
  IInbox inbox;
}

/// @notice What the Rollup stores per L2 block (everything later steps need, nothing more).
struct BlockLog {
  bytes32 archive;
  /// keccak256(abi.encode(header)) of the proposed header.
  bytes32 headerHash;
  bytes32 outHash;
  address coinbase;
  Slot slot;
}

/// @notice The chain's tips.
struct ChainTips {
  uint256 pendingBlockNumber;
  uint256 provenBlockNumber;
}

/// @title IRollup
/// @notice The Rollup's public surface (SPEC sections 5 and 6). Other domains (governance signalling,
///         slashing, staking) depend only on this interface.
interface IRollup is IEpochProof, IOutboxRollup {
  /// @notice Emitted for every accepted block: `headerHash` is what the committee signed (folded into the epoch
  ///         accumulator the proof opens), `versionedHashes` are its blobs (EIP-4844) in order.
  event L2BlockProposed(
    uint256 indexed blockNumber,
    bytes32 indexed archive,
    bytes32 headerHash,
    bytes32[] versionedHashes
  );
  /// @notice Emitted when an epoch's committee is fixed (its hash stored) by `setupEpoch` or the first propose.
  event EpochSetUp(Epoch indexed epoch, bytes32 committeeHash, uint256 committeeSize);
  /// @notice Emitted when the sampling seed of a future epoch is fixed from `block.prevrandao`.
  event SeedFixed(Epoch indexed epoch, uint256 seed);
  /// @notice Emitted when the owner changes the slasher.
  event SlasherUpdated(address indexed oldSlasher, address indexed newSlasher);

  /// @notice Thrown when the header's slot is not the slot `block.timestamp` lies in.
  error Rollup__WrongSlot(Slot expected, Slot actual);
  /// @notice Thrown when the header's timestamp is not the first second of its slot.
  error Rollup__WrongTimestamp(uint256 expected, uint256 actual);
  /// @notice Thrown when the sender is not the slot's proposer and the proposer did not sign.
  error Rollup__NotProposer(address expected, address actual);
  /// @notice Thrown when the parent archive is not the pending tip's (e.g. an L1 reorg removed the parent).
  error Rollup__WrongParentArchive(bytes32 expected, bytes32 actual);
  /// @notice Thrown when the block number is not the pending tip's plus one.
  error Rollup__WrongBlockNumber(uint256 expected, uint256 actual);
  /// @notice Thrown when the slot already has a block.
  error Rollup__SlotAlreadyUsed(Slot lastSlot, Slot slot);
  /// @notice Thrown when the blob commitments are not a whole number of 48-byte commitments.
  error Rollup__MalformedBlobCommitments(uint256 length);
  /// @notice Thrown when blob `index`'s commitment does not hash to the transaction's `blobhash(index)`.
  error Rollup__BlobHashMismatch(uint256 index, bytes32 expected, bytes32 actual);
  /// @notice Thrown when the header's `blobsHash` is not the hash of the blobs' versioned hashes.
  error Rollup__BlobsHashMismatch(bytes32 expected, bytes32 actual);
  /// @notice Thrown when the committee given is not a whole number of 20-byte addresses.
  error Rollup__MalformedCommittee(uint256 length);
  /// @notice Thrown when the committee given does not hash to the epoch's stored committee hash.
  error Rollup__WrongCommittee(bytes32 expected, bytes32 actual);
  /// @notice Thrown when an epoch has no committee and the rollup is not in bootstrap mode.
  error Rollup__EmptyCommittee(Epoch epoch);
  /// @notice Thrown when the signer bitmap marks an index at or beyond the committee size.
  error Rollup__SignerOutOfRange(uint256 committeeSize, uint256 signerBitmap);
  /// @notice Thrown when fewer than floor(2n/3)+1 committee members signed.
  error Rollup__InsufficientAttestations(uint256 needed, uint256 given);
  /// @notice Thrown when the packed signatures are not 65 bytes per marked signer.
  error Rollup__MalformedSignatures(uint256 expectedLength, uint256 actualLength);
  /// @notice Thrown when a signature does not recover to the committee member at `index`.
  error Rollup__InvalidAttestation(uint256 index, address expected, address recovered);
  /// @notice Thrown at deployment when the target committee size exceeds the bitmap width.
  error Rollup__CommitteeTooLarge(uint256 max, uint256 given);
  /// @notice Thrown at deployment when a required address is zero.
  error Rollup__ZeroAddress();
  /// @notice Thrown when block or prover rewards are configured without a reward pool to pay them from.
  error Rollup__RewardsWithoutPool(uint256 blockReward, uint256 proverReward);
  /// @notice Thrown when a proposal names no blob: a block's data travels only in blobs.
  error Rollup__NoBlobs();
  /// @notice Thrown when the transaction carries a blob beyond the commitments the proposal names.
  error Rollup__UnexpectedBlob(uint256 index, bytes32 versionedHash);
  /// @notice Thrown when the proof submission window is zero epochs: no epoch could ever be proven.
  error Rollup__InvalidProofSubmissionEpochs(uint256 given);
  /// @notice Thrown when the header's `inHash` is not the root of the Inbox tree the block consumes.
  error Rollup__InHashMismatch(bytes32 expected, bytes32 actual);
  /// @notice Thrown when reading a block that does not exist on the pending chain.
  error Rollup__UnknownBlock(uint256 pendingBlockNumber, uint256 blockNumber);

  /// @notice Proposes the next L2 block. Checks, in this order (`ProposeLib`): the slot is now and the header's
  ///         timestamp is its start; the committee matches the epoch's stored hash (the epoch is set up first if
  ///         nobody did); the sender is the slot's proposer (or the proposer signed); the parent archive is the
  ///         pending tip's; the block number is tip + 1; no block yet in this slot; at least one blob, each
  ///         commitment matches `blobhash(i)`, no blob beyond them, `blobsHash` matches; `inHash` is the root of
  ///         Inbox tree `blockNumber`; at least floor(2n/3)+1 distinct members signed the EIP-712 digest of the
  ///         header, ordered by committee index. Then the block is appended and `L2BlockProposed` emitted.
  /// @param header The block header.
  /// @param attestations Signer bitmap and packed signatures of committee members.
  /// @param committee The epoch's committee, packed 20-byte addresses in committee order.
  /// @param blobCommitments Packed 48-byte KZG commitments of the transaction's blobs, in blob order.
  /// @custom:reverts Rollup__WrongSlot if `header.slot` is not the current slot.
  /// @custom:reverts Rollup__WrongTimestamp if `header.timestamp` is not the slot's first second.
  /// @custom:reverts Rollup__MalformedCommittee if `committee` is not whole 20-byte addresses (at most 256).
  /// @custom:reverts Rollup__WrongCommittee if `committee` does not hash to the epoch's stored committee hash.
  /// @custom:reverts Rollup__EmptyCommittee if the committee is empty and bootstrap mode is off.
  /// @custom:reverts Rollup__NotProposer if the sender is not the slot's proposer and the proposer did not sign.
  /// @custom:reverts Rollup__WrongParentArchive if `header.lastArchive` is not the pending tip's archive.
  /// @custom:reverts Rollup__WrongBlockNumber if `header.blockNumber` is not the pending tip + 1.
  /// @custom:reverts Rollup__SlotAlreadyUsed if the pending tip is in this slot (or a later one).
  /// @custom:reverts Rollup__MalformedBlobCommitments if `blobCommitments` is not whole 48-byte commitments.
  /// @custom:reverts Rollup__NoBlobs if `blobCommitments` is empty.
  /// @custom:reverts Rollup__BlobHashMismatch if a commitment's versioned hash is not `blobhash(i)`.
  /// @custom:reverts Rollup__UnexpectedBlob if the transaction carries a blob beyond the commitments.
  /// @custom:reverts Rollup__BlobsHashMismatch if `header.blobsHash` is not the hash of the versioned hashes.
  /// @custom:reverts Rollup__InHashMismatch if `header.inHash` is not the root of Inbox tree `blockNumber`.
  /// @custom:reverts Rollup__SignerOutOfRange if the signer bitmap names a member beyond the committee.
  /// @custom:reverts Rollup__InsufficientAttestations if fewer than floor(2n/3)+1 members signed.
  /// @custom:reverts Rollup__MalformedSignatures if the signatures are not 65 bytes per signer.
  /// @custom:reverts Rollup__InvalidAttestation if a signature does not recover its member.
  function propose(
    ProposedHeader calldata header,
    Attestations calldata attestations,
    bytes calldata committee,
    bytes calldata blobCommitments
  ) external;

  /// @notice Fixes the current epoch's committee (stores its hash) and the seed two epochs ahead.
  ///         Anyone may call; a no-op for an epoch already set up.
  /// @return committeeHash keccak256 of the packed committee addresses.
  function setupEpoch() external returns (bytes32 committeeHash);

  /// @notice Stakes for `attester` through this rollup: forwards to the escrow with the caller as payer.
  /// @param attester The key that signs attestations and proposals.
  /// @param withdrawer The key that alone can exit.
  /// @param followCanonical Whether the stake follows the canonical rollup across upgrades.
  /// @param signature The attester's stake consent for this rollup (`IStakingEscrow.stakeConsentDigest`); may be
  ///        empty when the caller is the attester.
  function deposit(address attester, address withdrawer, bool followCanonical, bytes calldata signature) external;

  /// @notice Sets the address allowed to slash this rollup's validators. Owner only.
  function setSlasher(address slasher) external;

  /// @notice The L1 slot `block.timestamp` lies in.
  function getCurrentSlot() external view returns (Slot);

  /// @notice The epoch `block.timestamp` lies in.
  function getCurrentEpoch() external view returns (Epoch);

  /// @notice The proposer of the current slot (zero address in committee-less bootstrap mode: anyone).
  function getCurrentProposer() external view returns (address);

  /// @notice The proposer of the slot that contains `timestamp`.
  function getProposerAt(uint256 timestamp) external view returns (address);

  /// @notice The committee of `epoch`, sampled from the validator set as of `getSnapshotTime(epoch)`.
  function getEpochCommittee(Epoch epoch) external view returns (address[] memory);

  /// @notice The stored committee hash of `epoch` (zero until set up).
  function getCommitteeHash(Epoch epoch) external view returns (bytes32);

  /// @notice The sampling seed of `epoch`: final once `isSeedFixed(epoch)`, before that a forecast (the latest
  ///         seed fixed for an earlier epoch) that the fixing `setupEpoch` replaces.
  function getSampleSeed(Epoch epoch) external view returns (uint256);

  /// @notice Whether the seed of `epoch` is fixed: by the first setup of `epoch - 1`, else by the first setup of
  ///         `epoch` itself; always after the snapshot `epoch` samples from has closed. A client that finds it
  ///         false in `epoch` calls `setupEpoch` before it computes the committee or the proposer.
  function isSeedFixed(Epoch epoch) external view returns (bool);

  /// @notice The validator-set timestamp `epoch` samples from: the last second of epoch `epoch - 2`
  ///         (genesis - 1 for epochs 0 and 1), so a deposit or exit in epoch N affects committees from N+2 on.
  function getSnapshotTime(Epoch epoch) external view returns (uint256);

  /// @notice The pending (latest proposed) block number and the proven block number.
  function getTips() external view returns (ChainTips memory);

  /// @notice The pending tip: its block number and archive.
  function getPendingTip() external view returns (uint256 blockNumber, bytes32 archive);

  /// @notice The stored log of block `blockNumber` (block 0 is genesis).
  /// @custom:reverts Rollup__UnknownBlock
  function getBlock(uint256 blockNumber) external view returns (BlockLog memory);

  /// @notice The rolling hash of the versioned hashes of `epoch`'s blobs (zero if it has no block).
  function getEpochAccumulator(Epoch epoch) external view returns (bytes32);

  /// @notice The deployment parameters (genesisTime resolved).
  function getConfig() external view returns (RollupConfig memory);

  /// @notice The EIP-712 digest a committee member signs for `header`.
  function getAttestationDigest(ProposedHeader calldata header) external view returns (bytes32);
}
