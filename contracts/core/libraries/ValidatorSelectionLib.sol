// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Slot, Epoch, TimeConfig, TimeLib} from "./TimeLib.sol";
import {SamplingLib} from "./SamplingLib.sol";
import {IRollup} from "../interfaces/IRollup.sol";
import {IStakingEscrow} from "../../staking/interfaces/IStakingEscrow.sol";

/// @title ValidatorSelectionLib
/// @notice Seeds, committees and proposers (SPEC section 5), with state in ERC-7201 storage.
///         - Committee: `min(targetCommitteeSize, setSize)` distinct validators of the set as of
///           `snapshotTime(E)` (last second of epoch E-2), sampled with SamplingLib in O(committee size).
///         - Seed: the first `setupEpoch` in epoch E-1 fixes the seed of E from `block.prevrandao`; if nobody set
///           up E-1, the first setup in E fixes it. Either way the seed of E is fixed after the snapshot E samples
///           from has closed, so nobody can choose stake for a committee whose seed is known (audit F-1).
///         - Proposer of a slot: `committee[keccak256(abi.encode(epoch, slot, seed)) % committee.length]`.
///         - Proposer ring: `setup` also writes the proposer of each slot of the epoch into a ring of
///           2 x epochDuration words (one word a slot: epoch + 1 above the 160-bit proposer), so `proposerOf` for
///           an epoch set up (the current or the previous one) is one storage read instead of re-sampling the
///           committee (the round-signalling contracts ask for the current proposer at every signal). The
///           constructor pre-fills the ring with non-zero words, so a setup rewrites words (5,000 gas each)
///           rather than creating them (22,100). A word of another epoch is ignored: that slot is computed.
library ValidatorSelectionLib {
  using Checkpoints for Checkpoints.Trace224;

  /// @custom:storage-location erc7201:sp-testnet.rollup.validatorSelection
  struct ValidatorSelection {
    /// epoch => seed, pushed one epoch ahead (or in the epoch itself); read with upperLookup (latest <= E).
    Checkpoints.Trace224 seeds;
    /// keccak256 of the packed 20-byte committee addresses; zero until the epoch is set up.
    mapping(Epoch epoch => bytes32 committeeHash) committeeHashes;
    /// slot % (2 x epochDuration) => (epoch + 1) << 160 | proposer, written by `setup`.
    mapping(uint256 index => uint256 word) proposerRing;
  }

  /// @dev keccak256(abi.encode(uint256(keccak256("sp-testnet.rollup.validatorSelection")) - 1))
  ///      & ~bytes32(uint256(0xff))
  bytes32 internal constant STORAGE_SLOT = 0xcfcc31fb00563cba71c2bad08d849e33836b63db9ccab7b22af9fe9db7c3af00;

  function store() internal pure returns (ValidatorSelection storage s) {
    bytes32 slot = STORAGE_SLOT;
    assembly ("memory-safe") {
      s.slot := slot
    }
  }

  /// @notice Fixes the committee of `epoch` (the current epoch) and the seed of `epoch + 1`, once; also the seed
  ///         of `epoch` itself when no setup happened in `epoch - 1` (its snapshot closed before `epoch - 1`).
  /// @return committeeHash The stored hash.
  /// @return committee The committee if it was computed now; empty if the epoch was already set up.
  function setup(
    TimeConfig memory time,
    IStakingEscrow escrow,
    uint256 targetCommitteeSize,
    Epoch epoch
  ) internal returns (bytes32 committeeHash, address[] memory committee) {
    ValidatorSelection storage s = store();
    committeeHash = s.committeeHashes[epoch];
    if (committeeHash != bytes32(0)) return (committeeHash, committee);
    (bool seeded, uint32 lastSeeded, ) = s.seeds.latestCheckpoint();
    uint256 e = Epoch.unwrap(epoch);
    if (!seeded || lastSeeded < e) _fixSeed(epoch);
    if (!seeded || lastSeeded < e + 1) _fixSeed(Epoch.wrap(e + 1));
    committee = committeeOf(time, escrow, targetCommitteeSize, epoch);
    committeeHash = hashCommittee(committee);
    s.committeeHashes[epoch] = committeeHash;
    if (committee.length != 0) _writeProposers(time, epoch, committee);
    emit IRollup.EpochSetUp(epoch, committeeHash, committee.length);
  }

  /// @notice The committee of `epoch`, computed from the seed and the lagged validator set (a view).
  function committeeOf(
    TimeConfig memory time,
    IStakingEscrow escrow,
    uint256 targetCommitteeSize,
    Epoch epoch
  ) internal view returns (address[] memory) {
    uint256 timestamp = snapshotTime(time, epoch);
    uint256 setSize = escrow.getSetSize(address(this), timestamp);
    uint256 size = setSize < targetCommitteeSize ? setSize : targetCommitteeSize;
    if (size == 0) return new address[](0);
    uint256[] memory indices = SamplingLib.sample(seedOf(epoch), setSize, size);
    return escrow.getAttestersAtIndices(address(this), indices, timestamp);
  }

  /// @notice The validator-set timestamp `epoch` samples from: the last second of epoch `epoch - 2`
  ///         (genesis - 1 for epochs 0 and 1). A change at time t in epoch N is visible from epoch N+2 on.
  function snapshotTime(TimeConfig memory time, Epoch epoch) internal pure returns (uint256) {
    uint256 e = Epoch.unwrap(epoch);
    return TimeLib.epochStart(time, Epoch.wrap(e == 0 ? 0 : e - 1)) - 1;
  }

  /// @notice The seed of `epoch`: the latest fixed for an epoch <= `epoch` (final once `epoch` is set up or
  ///         `epoch - 1` was; before that a view's committee is a forecast that the fixing setup replaces).
  function seedOf(Epoch epoch) internal view returns (uint256) {
    return store().seeds.upperLookupRecent(uint32(Epoch.unwrap(epoch)));
  }

  /// @notice Whether the seed of `epoch` has been fixed (see the library's notice).
  function isSeedFixed(Epoch epoch) internal view returns (bool) {
    (bool seeded, uint32 lastSeeded, ) = store().seeds.latestCheckpoint();
    return seeded && lastSeeded >= Epoch.unwrap(epoch);
  }

  function committeeHashOf(Epoch epoch) internal view returns (bytes32) {
    return store().committeeHashes[epoch];
  }

  /// @notice Index of the proposer of `slot` in a committee of `committeeSize` (> 0).
  function proposerIndex(Epoch epoch, Slot slot, uint256 seed, uint256 committeeSize) internal pure returns (uint256) {
    return uint256(keccak256(abi.encode(epoch, slot, seed))) % committeeSize;
  }

  /// @notice The proposer of `slot` (zero address when the committee is empty).
  function proposerOf(
    TimeConfig memory time,
    IStakingEscrow escrow,
    uint256 targetCommitteeSize,
    Slot slot
  ) internal view returns (address) {
    Epoch epoch = TimeLib.epochOf(time, slot);
    uint256 word = store().proposerRing[Slot.unwrap(slot) % (2 * uint256(time.epochDuration))];
    if (word >> 160 == Epoch.unwrap(epoch) + 1) return address(uint160(word));
    address[] memory committee = committeeOf(time, escrow, targetCommitteeSize, epoch);
    if (committee.length == 0) return address(0);
    return committee[proposerIndex(epoch, slot, seedOf(epoch), committee.length)];
  }

  /// @notice keccak256 of the committee packed as 20-byte addresses (the `committee` calldata of `propose`).
  function hashCommittee(address[] memory committee) internal pure returns (bytes32 h) {
    assembly ("memory-safe") {
      let n := mload(committee)
      let out := mload(0x40)
      for {
        let i := 0
      } lt(i, n) {
        i := add(i, 1)
      } {
        mstore(add(out, mul(i, 20)), shl(96, mload(add(committee, mul(add(i, 1), 0x20)))))
      }
      h := keccak256(out, mul(n, 20))
    }
  }

  /// @notice Pre-fills the proposer ring (constructor only) with words that match no epoch.
  function initialize(uint32 epochDuration) internal {
    ValidatorSelection storage s = store();
    for (uint256 i = 0; i < 2 * uint256(epochDuration); ++i) s.proposerRing[i] = 1;
  }

  /// @dev Writes the proposer of every slot of `epoch` into its half of the ring.
  function _writeProposers(TimeConfig memory time, Epoch epoch, address[] memory committee) private {
    ValidatorSelection storage s = store();
    uint256 seed = seedOf(epoch);
    uint256 tag = (Epoch.unwrap(epoch) + 1) << 160;
    uint256 first = Slot.unwrap(TimeLib.firstSlotOf(time, epoch));
    uint256 ringSize = 2 * uint256(time.epochDuration);
    for (uint256 slot = first; slot < first + time.epochDuration; ++slot) {
      address proposer = committee[proposerIndex(epoch, Slot.wrap(slot), seed, committee.length)];
      s.proposerRing[slot % ringSize] = tag | uint160(proposer);
    }
  }

  function _fixSeed(Epoch epoch) private {
    uint224 seed = uint224(uint256(keccak256(abi.encode(block.prevrandao, epoch))));
    store().seeds.push(uint32(Epoch.unwrap(epoch)), seed);
    emit IRollup.SeedFixed(epoch, seed);
  }
}
