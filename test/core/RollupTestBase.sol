// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakeConsent} from "../helpers/StakeConsent.sol";
import {TestStakingAsset} from "../../contracts/staking/TestStakingAsset.sol";
import {StakingEscrow} from "../../contracts/staking/StakingEscrow.sol";
import {DepositArgs} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {Registry} from "../../contracts/governance/Registry.sol";
import {RollupHarness} from "../../contracts/mocks/RollupHarness.sol";
import {RollupConfig, ProposedHeader, Attestations} from "../../contracts/core/interfaces/IRollup.sol";
import {ProofConfig} from "../../contracts/core/interfaces/IEpochProof.sol";
import {IInbox} from "../../contracts/core/messagebridge/interfaces/IInbox.sol";
import {IRewardPool} from "../../contracts/core/rewards/interfaces/IRewardPool.sol";
import {TestVerifier} from "../../contracts/mocks/TestVerifier.sol";
import {Slot, Epoch} from "../../contracts/core/libraries/TimeLib.sol";

/// @notice Real token + Registry + StakingEscrow + Rollup (harness: settable blobhashes), `VALIDATORS` staked
///         validators with known keys, and helpers that build a valid proposal for the current slot.
abstract contract RollupTestBase is StakeConsent {
  uint256 internal constant START = 1_700_000_000;
  uint32 internal constant SLOT_SECONDS = 12;
  uint32 internal constant EPOCH_SLOTS = 4;
  uint256 internal constant VALIDATORS = 6;
  uint256 internal constant COMMITTEE = 4;
  bytes32 internal constant GENESIS_ARCHIVE = keccak256("genesis");

  address internal owner = makeAddr("owner");
  StakingEscrow internal escrow;
  RollupHarness internal rollup;
  mapping(address => uint256) internal keyOf;

  function setUp() public virtual {
    vm.warp(START);
    TestStakingAsset token = new TestStakingAsset("Staking", "STK", owner, 1e18, 1 days);
    Registry registry = new Registry(owner);
    escrow = new StakingEscrow(token, registry, owner, 100e18, 60e18, _exitDelay());
    rollup = new RollupHarness(
      RollupConfig(
        escrow,
        0,
        SLOT_SECONDS,
        EPOCH_SLOTS,
        COMMITTEE,
        false,
        GENESIS_ARCHIVE,
        owner,
        owner,
        ProofConfig(new TestVerifier(owner), 1, IRewardPool(address(0)), 0, 0),
        IInbox(address(0))
      )
    );
    vm.startPrank(owner);
    registry.addRollup(address(rollup));
    escrow.addRollup(address(rollup));
    DepositArgs[] memory args = new DepositArgs[](VALIDATORS);
    for (uint256 i = 0; i < VALIDATORS; ++i) {
      uint256 key = uint256(keccak256(abi.encode("validator", i)));
      args[i] = DepositArgs(vm.addr(key), owner, true, _signConsent(escrow, key, owner, address(rollup), true));
      keyOf[vm.addr(key)] = key;
    }
    token.mint(owner, VALIDATORS * 100e18);
    token.approve(address(escrow), VALIDATORS * 100e18);
    escrow.addValidators(args);
    vm.stopPrank();
    _warpToSlot(EPOCH_SLOTS);
    rollup.setupEpoch(); // as the network does each epoch: epoch 1 fixes the seed of epoch 2
    _warpToSlot(2 * EPOCH_SLOTS); // epoch 2: the first whose snapshot holds the validators
  }

  /// @dev The escrow's exit delay (a test of the slashing race sets it just above the minimum).
  function _exitDelay() internal view virtual returns (uint256) {
    return 7 days;
  }

  function _warpToSlot(uint256 slot) internal {
    vm.warp(START + slot * SLOT_SECONDS);
  }

  function _currentSlot() internal view returns (uint256) {
    return Slot.unwrap(rollup.getCurrentSlot());
  }

  /// @dev A valid next block for the current slot, its packed committee, all members' signatures, one blob.
  function _proposal()
    internal
    returns (ProposedHeader memory header, Attestations memory att, bytes memory committee, bytes memory blobs)
  {
    uint256 slot = _currentSlot();
    // As a client does: when nobody set up the previous epoch, this epoch's first setup fixes its seed.
    if (!rollup.isSeedFixed(Epoch.wrap(slot / EPOCH_SLOTS))) rollup.setupEpoch();
    (uint256 tip, bytes32 archive) = rollup.getPendingTip();
    blobs = abi.encodePacked(keccak256(abi.encode("commitment", slot)), bytes16(0));
    bytes32[] memory vhs = new bytes32[](1);
    vhs[0] = bytes32((uint256(sha256(blobs)) & ((1 << 248) - 1)) | (uint256(1) << 248));
    rollup.setBlobhashes(vhs);
    header = ProposedHeader({
      lastArchive: archive,
      archive: keccak256(abi.encode(archive, slot)),
      blockNumber: tip + 1,
      slot: Slot.wrap(slot),
      timestamp: START + slot * SLOT_SECONDS,
      coinbase: address(0xc0de),
      txCount: 1,
      inHash: bytes32(0),
      outHash: bytes32(0),
      blobsHash: keccak256(abi.encodePacked(vhs)),
      totalFees: 0
    });
    address[] memory members = rollup.getEpochCommittee(Epoch.wrap(slot / EPOCH_SLOTS));
    bytes32 digest = rollup.getAttestationDigest(header);
    for (uint256 i = 0; i < members.length; ++i) {
      committee = abi.encodePacked(committee, members[i]);
      (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf[members[i]], digest);
      att.signatures = abi.encodePacked(att.signatures, r, s, v);
      att.signerBitmap |= 1 << i;
    }
  }
}
