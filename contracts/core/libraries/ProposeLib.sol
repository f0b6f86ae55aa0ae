// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Slot, Epoch, TimeConfig, TimeLib} from "./TimeLib.sol";
import {ChainStateLib, StoredBlock} from "./ChainStateLib.sol";
import {ValidatorSelectionLib} from "./ValidatorSelectionLib.sol";
import {AttestationLib} from "./AttestationLib.sol";
import {BlobLib} from "./BlobLib.sol";
import {Attestations, IRollup, ProposedHeader} from "../interfaces/IRollup.sol";
import {IStakingEscrow} from "../../staking/interfaces/IStakingEscrow.sol";
import {IInbox} from "../messagebridge/interfaces/IInbox.sol";

/// @notice What `propose` needs from the Rollup besides the call's arguments.
struct ProposeContext {
  TimeConfig time;
  IStakingEscrow escrow;
  uint256 targetCommitteeSize;
  bool bootstrap;
  /// EIP-712 domain separator (chain id + rollup address).
  bytes32 domainSeparator;
  /// Reads `blobhash(i)` (overridable in test harnesses).
  function(uint256) view returns (bytes32) blobhashAt;
  /// The Inbox whose tree `blockNumber` the block consumes (zero: no messaging, `inHash` must be zero).
  IInbox inbox;
}

/// @title ProposeLib
/// @notice The `propose` path (SPEC section 6): every check in order, one custom error each, then the
///         append to ChainStateLib and the `L2BlockProposed` event.
library ProposeLib {
  function propose(
    ProposeContext memory ctx,
    ProposedHeader calldata header,
    Attestations calldata attestations,
    bytes calldata committee,
    bytes calldata blobCommitments
  ) internal {
    // 1. The slot is now, and the header's timestamp is its first second.
    Slot slot = _checkSlot(ctx.time, header);

    // 2. The committee is the epoch's (set up now if nobody did), and the sender is the slot's proposer.
    Epoch epoch = TimeLib.epochOf(ctx.time, slot);
    uint256 committeeSize = _checkCommittee(ctx, epoch, committee);
    _checkProposer(ctx.bootstrap, epoch, slot, committee, committeeSize, attestations.signerBitmap);

    // 3. Reorg guard: the parent is the pending tip. 4. Block number. 5. One block per slot.
    bool startsEpoch = _checkParent(ctx.time, header, slot, epoch);

    // 6. Blobs: commitments vs blobhash(i), then blobsHash.
    bytes32[] memory versionedHashes = BlobLib.check(blobCommitments, header.blobsHash, ctx.blobhashAt);

    // 7. inHash: the root of the Inbox tree this block consumes (consuming seals the next tree).
    _checkInHash(ctx.inbox, header);

    // 8. Attestations: >= floor(2n/3)+1 distinct members over the EIP-712 digest, every signature checked.
    bytes32 headerHash = AttestationLib.headerHash(header);
    if (committeeSize != 0) {
      AttestationLib.verify(AttestationLib.digest(ctx.domainSeparator, headerHash), attestations, committee);
    }

    ChainStateLib.append(
      header.blockNumber,
      StoredBlock(header.archive, headerHash, header.outHash, header.coinbase, uint64(Slot.unwrap(slot))),
      epoch,
      startsEpoch,
      versionedHashes
    );
    emit IRollup.L2BlockProposed(header.blockNumber, header.archive, headerHash, versionedHashes);
  }

  function _checkInHash(IInbox inbox, ProposedHeader calldata header) private {
    bytes32 inHash = address(inbox) == address(0) ? bytes32(0) : inbox.consume(header.blockNumber);
    if (header.inHash != inHash) revert IRollup.Rollup__InHashMismatch(inHash, header.inHash);
  }

  function _checkSlot(TimeConfig memory time, ProposedHeader calldata header) private view returns (Slot slot) {
    slot = TimeLib.slotAt(time, block.timestamp);
    if (header.slot != slot) revert IRollup.Rollup__WrongSlot(slot, header.slot);
    uint256 slotStart = TimeLib.slotStart(time, slot);
    if (header.timestamp != slotStart) revert IRollup.Rollup__WrongTimestamp(slotStart, header.timestamp);
  }

  /// @return startsEpoch Whether the block is the first of its epoch on the pending chain.
  function _checkParent(
    TimeConfig memory time,
    ProposedHeader calldata header,
    Slot slot,
    Epoch epoch
  ) private view returns (bool startsEpoch) {
    uint256 tip = ChainStateLib.pendingBlockNumber();
    StoredBlock storage parent = ChainStateLib.blockAt(tip);
    bytes32 tipArchive = parent.archive;
    if (header.lastArchive != tipArchive) revert IRollup.Rollup__WrongParentArchive(tipArchive, header.lastArchive);
    if (header.blockNumber != tip + 1) revert IRollup.Rollup__WrongBlockNumber(tip + 1, header.blockNumber);
    if (tip == 0) return true;
    Slot parentSlot = Slot.wrap(parent.slot);
    if (parentSlot >= slot) revert IRollup.Rollup__SlotAlreadyUsed(parentSlot, slot);
    return TimeLib.epochOf(time, parentSlot) != epoch;
  }

  /// @return committeeSize The number of 20-byte addresses in `committee`, once its hash matched.
  function _checkCommittee(
    ProposeContext memory ctx,
    Epoch epoch,
    bytes calldata committee
  ) private returns (uint256 committeeSize) {
    if (committee.length % 20 != 0 || committee.length > 256 * 20) {
      revert IRollup.Rollup__MalformedCommittee(committee.length);
    }
    (bytes32 stored, ) = ValidatorSelectionLib.setup(ctx.time, ctx.escrow, ctx.targetCommitteeSize, epoch);
    bytes32 given;
    assembly ("memory-safe") {
      let ptr := mload(0x40)
      calldatacopy(ptr, committee.offset, committee.length)
      given := keccak256(ptr, committee.length)
    }
    if (given != stored) revert IRollup.Rollup__WrongCommittee(stored, given);
    return committee.length / 20;
  }

  function _checkProposer(
    bool bootstrap,
    Epoch epoch,
    Slot slot,
    bytes calldata committee,
    uint256 committeeSize,
    uint256 signerBitmap
  ) private view {
    if (committeeSize == 0) {
      if (!bootstrap) revert IRollup.Rollup__EmptyCommittee(epoch);
      return; // committee-less bootstrap: anyone may propose
    }
    uint256 index = ValidatorSelectionLib.proposerIndex(
      epoch,
      slot,
      ValidatorSelectionLib.seedOf(epoch),
      committeeSize
    );
    address proposer;
    assembly ("memory-safe") {
      proposer := shr(96, calldataload(add(committee.offset, mul(index, 20))))
    }
    // The sender is the proposer, or the proposer's own attestation is present (and verified below).
    if (msg.sender != proposer && !AttestationLib.isSigner(signerBitmap, index)) {
      revert IRollup.Rollup__NotProposer(proposer, msg.sender);
    }
  }
}
