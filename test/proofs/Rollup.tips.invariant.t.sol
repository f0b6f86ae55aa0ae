// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {RollupTestBase} from "../core/RollupTestBase.sol";
import {RollupHarness} from "../../contracts/mocks/RollupHarness.sol";
import {ProposedHeader, Attestations, ChainTips} from "../../contracts/core/interfaces/IRollup.sol";
import {EpochProofPublicInputs} from "../../contracts/core/interfaces/IEpochProof.sol";
import {Slot, Epoch} from "../../contracts/core/libraries/TimeLib.sol";

/// @dev Drives the real Rollup (staked committee, signed proposals, blobhash served by the harness: a Solidity
///      test cannot attach blobs) through proposals, epoch proofs (the valid opening of the zero polynomial:
///      commitment and proof at infinity, y = 0, with the test verifier), prunes at the deadline and time.
contract RollupTipsHandler is RollupTestBase {
  bytes internal constant INFINITY =
    hex"c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

  mapping(uint256 blockNumber => bytes32 archive) public provenArchive;
  uint256 public proofs;
  uint256 public prunes;

  constructor() {
    setUp();
  }

  function target() external view returns (RollupHarness) {
    return rollup;
  }

  function _slotOf(uint256 blockNumber) internal view returns (uint256) {
    return Slot.unwrap(rollup.getBlock(blockNumber).slot);
  }

  function propose(uint8 skipSlots) external {
    uint256 next = _currentSlot() + 1;
    ChainTips memory tips = rollup.getTips();
    if (tips.pendingBlockNumber > 0 && _slotOf(tips.pendingBlockNumber) + 1 > next) {
      next = _slotOf(tips.pendingBlockNumber) + 1;
    }
    _warpToSlot(next + (skipSlots % 8));
    (ProposedHeader memory h, Attestations memory a, bytes memory c, bytes memory b) = _proposal();
    rollup.propose(h, a, c, b);
  }

  function prove(uint16 delay) external {
    ChainTips memory tips = rollup.getTips();
    uint256 proven = tips.provenBlockNumber;
    if (tips.pendingBlockNumber == proven) return;
    uint256 epoch = _slotOf(proven + 1) / EPOCH_SLOTS;
    uint256 end = proven + 1;
    while (end < tips.pendingBlockNumber && _slotOf(end + 1) / EPOCH_SLOTS == epoch) ++end;
    uint256 epochEnd = START + (epoch + 1) * EPOCH_SLOTS * SLOT_SECONDS;
    uint256 deadline = rollup.proofDeadline(Epoch.wrap(epoch));
    if (block.timestamp >= deadline) return;
    uint256 at = epochEnd + (delay % (deadline - epochEnd));
    if (at > block.timestamp) vm.warp(at);
    EpochProofPublicInputs memory pi = EpochProofPublicInputs(
      rollup.getBlock(proven).archive,
      rollup.getBlock(end).archive,
      rollup.getEpochAccumulator(Epoch.wrap(epoch)),
      address(this)
    );
    rollup.submitEpochRootProof(proven + 1, end, pi, abi.encodePacked(INFINITY, bytes32(0), INFINITY), "");
    for (uint256 n = proven + 1; n <= end; ++n) provenArchive[n] = rollup.getBlock(n).archive;
    ++proofs;
  }

  function prune() external {
    ChainTips memory tips = rollup.getTips();
    if (tips.pendingBlockNumber == tips.provenBlockNumber) return;
    uint256 deadline = rollup.proofDeadline(Epoch.wrap(_slotOf(tips.provenBlockNumber + 1) / EPOCH_SLOTS));
    if (block.timestamp < deadline) vm.warp(deadline);
    rollup.prune();
    ++prunes;
  }

  function warp(uint16 secs) external {
    vm.warp(block.timestamp + secs);
  }
}

contract RollupTipsInvariantTest is Test {
  RollupTipsHandler internal handler;
  RollupHarness internal rollup;

  function setUp() public {
    handler = new RollupTipsHandler();
    rollup = handler.target();
    bytes4[] memory selectors = new bytes4[](4);
    selectors[0] = RollupTipsHandler.propose.selector;
    selectors[1] = RollupTipsHandler.prove.selector;
    selectors[2] = RollupTipsHandler.prune.selector;
    selectors[3] = RollupTipsHandler.warp.selector;
    targetSelector(StdInvariant.FuzzSelector(address(handler), selectors));
    targetContract(address(handler));
  }

  function invariant_provenTipAtMostPendingTip() public view {
    ChainTips memory tips = rollup.getTips();
    assertLe(tips.provenBlockNumber, tips.pendingBlockNumber);
  }

  function invariant_provenBlocksNeverChange() public view {
    uint256 proven = rollup.getTips().provenBlockNumber;
    for (uint256 n = 1; n <= proven; ++n) assertEq(rollup.getBlock(n).archive, handler.provenArchive(n));
  }

  /// @dev The handler reaches proofs at all (a proof with the zero-polynomial opening is accepted).
  function test_handler_provesAnEpoch() public {
    handler.propose(0);
    handler.propose(0);
    handler.prove(0);
    assertEq(rollup.getTips().provenBlockNumber, 2);
    assertEq(handler.proofs(), 1);
  }

  /// @dev A prune returns the pending tip to the proven tip, and the next proposal builds on it.
  function test_handler_prunesAndReproposesOnTheProvenTip() public {
    handler.propose(0);
    handler.prove(0);
    handler.propose(0);
    handler.prune();
    assertEq(rollup.getTips().pendingBlockNumber, 1);
    assertEq(handler.prunes(), 1);
    handler.propose(0);
    assertEq(rollup.getTips().pendingBlockNumber, 2);
  }

  /// @dev The handler reaches each path: a proof, a prune, and a proposal on the proven tip after it.
  function test_handler_provesPrunesAndReproposes() public {
    handler.propose(0);
    handler.propose(0);
    handler.prove(0);
    assertEq(rollup.getTips().provenBlockNumber, 2);
    handler.propose(0);
    handler.prune();
    assertEq(rollup.getTips().pendingBlockNumber, 2);
    handler.propose(0);
    assertEq(rollup.getTips().pendingBlockNumber, 3);
    assertEq(handler.proofs(), 1);
    assertEq(handler.prunes(), 1);
  }
}
