// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RollupTestBase} from "../core/RollupTestBase.sol";
import {ProposedHeader, Attestations} from "../../contracts/core/interfaces/IRollup.sol";
import {IEpochProof, EpochProofPublicInputs} from "../../contracts/core/interfaces/IEpochProof.sol";
import {Outbox} from "../../contracts/core/messagebridge/Outbox.sol";
import {IOutbox, IOutboxRollup} from "../../contracts/core/messagebridge/interfaces/IOutbox.sol";
import {L2ToL1Msg} from "../../contracts/core/messagebridge/libraries/MessageHashLib.sol";
import {TestVerifier} from "../../contracts/mocks/TestVerifier.sol";
import {Epoch, Slot} from "../../contracts/core/libraries/TimeLib.sol";

/// @notice Audit F-3 (the epoch proof did not bind the blocks' outHash), adapted from shared/audit: each block's
///         header hash (outHash, inHash, coinbase, fees, …) is folded into the epoch accumulator at propose time and
///         the accumulator is a public input, so two chains that differ only in one outHash give the verifier
///         different inputs, and a proof made for the honest chain cannot prove the forged one.
contract ProofBindingTest is RollupTestBase {
  bytes internal constant INFINITY =
    hex"c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
  Outbox internal outbox;
  address internal thief = makeAddr("thief");

  function setUp() public override {
    super.setUp();
    outbox = new Outbox(IOutboxRollup(address(rollup)));
  }

  function _leaf(L2ToL1Msg memory m, uint256 index) internal pure returns (bytes32) {
    return keccak256(bytes.concat(keccak256(abi.encode(m, index))));
  }

  function _forgedMessage() internal view returns (L2ToL1Msg memory) {
    return L2ToL1Msg(bytes32(uint256(0xb41d9e)), thief, block.chainid, keccak256("withdraw 1,000,000 to thief"));
  }

  /// Proposes block 1 with `outHash` (re-signed by the whole committee) and returns the verifier's input hash.
  function _proposeAndCaptureInputsHash(bytes32 outHash) internal returns (bytes32 inputsHash) {
    (ProposedHeader memory h, Attestations memory a, bytes memory c, bytes memory b) = _proposal();
    h.outHash = outHash;
    address[] memory members = rollup.getEpochCommittee(Epoch.wrap(_currentSlot() / EPOCH_SLOTS));
    bytes32 digest = rollup.getAttestationDigest(h);
    a.signatures = "";
    for (uint256 i = 0; i < members.length; ++i) {
      (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf[members[i]], digest);
      a.signatures = abi.encodePacked(a.signatures, r, s, v);
    }
    vm.prank(rollup.getCurrentProposer());
    rollup.propose(h, a, c, b);

    uint256 epoch = _currentSlot() / EPOCH_SLOTS;
    vm.warp(START + (epoch + 1) * EPOCH_SLOTS * SLOT_SECONDS); // epoch complete, inside the window
    TestVerifier verifier = TestVerifier(address(rollup.getConfig().proofs.verifier));
    vm.prank(owner);
    verifier.setAccepting(false); // reject, so the revert reveals exactly what the verifier was asked
    try rollup.submitEpochRootProof(1, 1, _inputs(epoch), _blobProof(), "") {
      revert("unexpected acceptance");
    } catch (bytes memory err) {
      assertEq(bytes4(err), IEpochProof.EpochProof__InvalidProof.selector);
      assembly {
        inputsHash := mload(add(err, 0x24))
      }
    }
    vm.prank(owner);
    verifier.setAccepting(true);
  }

  function _inputs(uint256 epoch) internal view returns (EpochProofPublicInputs memory) {
    return
      EpochProofPublicInputs(
        rollup.getBlock(0).archive,
        rollup.getBlock(1).archive,
        rollup.getEpochAccumulator(Epoch.wrap(epoch)),
        address(this)
      );
  }

  function _blobProof() internal pure returns (bytes memory) {
    return abi.encodePacked(INFINITY, bytes32(0), INFINITY);
  }

  /// FAILS while F-3 exists: the verifier's input must change when the block's outHash changes.
  function test_property_verifierInputsBindOutHash() public {
    uint256 snap = vm.snapshotState();
    bytes32 honestInputs = _proposeAndCaptureInputsHash(bytes32(0));
    vm.revertToState(snap);
    bytes32 forgedInputs = _proposeAndCaptureInputsHash(_leaf(_forgedMessage(), 0));
    assertNotEq(forgedInputs, honestInputs, "publicInputsHash must bind the proven blocks' outHash");
  }

  /// The reproduction's exploit, now refused: the forged chain's proof cannot reuse the honest chain's public
  /// inputs (its stored accumulator differs), the verifier is asked about different inputs, and the Outbox pays
  /// nothing before a proof of the forged chain's own execution exists.
  function test_audit_proofInputsDoNotBindOutHash_refused() public {
    uint256 snap = vm.snapshotState();
    bytes32 honestInputs = _proposeAndCaptureInputsHash(bytes32(0));
    bytes32 honestAccumulator = rollup.getEpochAccumulator(
      Epoch.wrap(Slot.unwrap(rollup.getBlock(1).slot) / EPOCH_SLOTS)
    );
    vm.revertToState(snap);
    bytes32 forgedInputs = _proposeAndCaptureInputsHash(_leaf(_forgedMessage(), 0));
    assertNotEq(forgedInputs, honestInputs, "the verifier sees the forged outHash");

    uint256 epoch = Slot.unwrap(rollup.getBlock(1).slot) / EPOCH_SLOTS;
    EpochProofPublicInputs memory replayed = _inputs(epoch);
    bytes32 forgedAccumulator = replayed.epochAccumulator;
    assertNotEq(forgedAccumulator, honestAccumulator, "the accumulator binds the header");
    replayed.epochAccumulator = honestAccumulator; // the honest execution's inputs, replayed on the forged chain
    vm.expectRevert(
      abi.encodeWithSelector(
        IEpochProof.EpochProof__EpochAccumulatorMismatch.selector,
        forgedAccumulator,
        honestAccumulator
      )
    );
    rollup.submitEpochRootProof(1, 1, replayed, _blobProof(), "");
    assertEq(rollup.getProvenTip(), 0, "nothing proven");

    vm.prank(thief);
    vm.expectRevert(abi.encodeWithSelector(IOutbox.Outbox__BlockNotProven.selector, 0, 1));
    outbox.consume(_forgedMessage(), 1, 0, new bytes32[](0));
    assertFalse(outbox.hasMessageBeenConsumed(1, 0), "the forged message is not paid");
  }
}
