// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RollupTestBase} from "./RollupTestBase.sol";
import {ProposedHeader, Attestations, IRollup, ChainTips} from "../../contracts/core/interfaces/IRollup.sol";
import {Slot} from "../../contracts/core/libraries/TimeLib.sol";

/// @notice Drives the Rollup with valid and invalid proposals at random slots.
contract RollupHandler is RollupTestBase {
  uint256 public accepted;
  uint256 public lastSlot;

  constructor() {
    setUp();
  }

  function rollupAddress() external view returns (address) {
    return address(rollup);
  }

  function propose(uint256 slotJump, bool breakParent) external {
    _warpToSlot(_currentSlot() + bound(slotJump, 0, 6));
    (ProposedHeader memory header, Attestations memory att, bytes memory committee, bytes memory blobs) = _proposal();
    if (breakParent) header.lastArchive = keccak256(abi.encode(header.lastArchive));
    vm.prank(rollup.getCurrentProposer());
    try rollup.propose(header, att, committee, blobs) {
      accepted++;
      lastSlot = _currentSlot();
    } catch {}
  }
}

contract RollupProposeTest is RollupTestBase {
  function _propose() internal {
    (ProposedHeader memory header, Attestations memory att, bytes memory committee, bytes memory blobs) = _proposal();
    vm.prank(rollup.getCurrentProposer());
    rollup.propose(header, att, committee, blobs);
  }

  function test_propose_acceptsAValidBlock() public {
    _propose();
    (uint256 tip, bytes32 archive) = rollup.getPendingTip();
    assertEq(tip, 1);
    assertEq(archive, rollup.getBlock(1).archive);
  }

  function test_fuzz_propose_refusesAnySenderButTheProposer(address sender) public {
    address proposer = rollup.getCurrentProposer();
    vm.assume(sender != proposer);
    (ProposedHeader memory header, Attestations memory att, bytes memory committee, bytes memory blobs) = _proposal();
    // Drop the proposer's signature but keep a quorum (3 of 4).
    uint256 index;
    for (uint256 i = 0; i < COMMITTEE; ++i) {
      if (address(bytes20(_slice20(committee, i))) == proposer) index = i;
    }
    att.signerBitmap &= ~(1 << index);
    att.signatures = _dropSignature(att.signatures, index);
    vm.prank(sender);
    vm.expectRevert(abi.encodeWithSelector(IRollup.Rollup__NotProposer.selector, proposer, sender));
    rollup.propose(header, att, committee, blobs);
    (uint256 tip, ) = rollup.getPendingTip();
    assertEq(tip, 0);
  }

  function test_fuzz_propose_refusesAnyOtherBlockNumber(uint256 blockNumber) public {
    vm.assume(blockNumber != 1);
    (ProposedHeader memory header, , bytes memory committee, bytes memory blobs) = _proposal();
    header.blockNumber = blockNumber;
    Attestations memory att; // never reached
    vm.prank(rollup.getCurrentProposer());
    vm.expectRevert(abi.encodeWithSelector(IRollup.Rollup__WrongBlockNumber.selector, 1, blockNumber));
    rollup.propose(header, att, committee, blobs);
    (uint256 tip, ) = rollup.getPendingTip();
    assertEq(tip, 0);
  }

  function _slice20(bytes memory data, uint256 index) internal pure returns (bytes20 out) {
    assembly {
      out := mload(add(add(data, 0x20), mul(index, 20)))
    }
  }

  function _dropSignature(bytes memory sigs, uint256 index) internal pure returns (bytes memory out) {
    for (uint256 i = 0; i < sigs.length / 65; ++i) {
      if (i == index) continue;
      bytes memory one = new bytes(65);
      for (uint256 j = 0; j < 65; ++j) one[j] = sigs[i * 65 + j];
      out = abi.encodePacked(out, one);
    }
  }
}

contract RollupInvariantTest is RollupTestBase {
  RollupHandler internal handler;

  function setUp() public override {
    handler = new RollupHandler();
    targetContract(address(handler));
    bytes4[] memory selectors = new bytes4[](1);
    selectors[0] = RollupHandler.propose.selector;
    targetSelector(FuzzSelector(address(handler), selectors));
  }

  /// @dev The handler does produce blocks (so the invariants are not vacuous) and refuses a second one per slot.
  function test_handler_acceptsValidAndRefusesBrokenProposals() public {
    handler.propose(1, false);
    handler.propose(0, false); // same slot: refused
    handler.propose(1, true); // parent broken: refused
    handler.propose(1, false);
    assertEq(handler.accepted(), 2);
    assertEq(IRollup(handler.rollupAddress()).getTips().pendingBlockNumber, 2);
  }

  /// @dev The pending tip counts exactly the accepted proposals; the proven tip never passes it.
  function invariant_pendingTipCountsAcceptedProposals() public view {
    IRollup r = IRollup(handler.rollupAddress());
    ChainTips memory tips = r.getTips();
    assertEq(tips.pendingBlockNumber, handler.accepted());
    assertLe(tips.provenBlockNumber, tips.pendingBlockNumber);
  }

  /// @dev One block per slot: the tip's slot is the slot of the last accepted proposal, and slots increase.
  function invariant_oneBlockPerSlot() public view {
    IRollup r = IRollup(handler.rollupAddress());
    uint256 n = r.getTips().pendingBlockNumber;
    if (n == 0) return;
    assertEq(Slot.unwrap(r.getBlock(n).slot), handler.lastSlot());
    if (n > 1) assertGt(Slot.unwrap(r.getBlock(n).slot), Slot.unwrap(r.getBlock(n - 1).slot));
  }
}
