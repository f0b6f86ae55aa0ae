// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SlashingBase} from "./SlashingBase.sol";
import {ISlasher, EquivocationEvidence} from "../../contracts/slashing/interfaces/ISlasher.sol";
import {ProposedHeader} from "../../contracts/core/interfaces/IRollup.sol";
import {Slot, Epoch} from "../../contracts/core/libraries/TimeLib.sol";

contract SlasherEquivocationTest is SlashingBase {
  address[] internal committee;
  address internal outsider;

  function setUp() public override {
    super.setUp();
    Epoch epoch = Epoch.wrap(_currentSlot() / EPOCH_SLOTS);
    rollup.setupEpoch(); // as the network does: the committee hash of the current epoch is stored
    committee = rollup.getEpochCommittee(epoch);
    for (uint256 i = 0; i < validators.length && outsider == address(0); ++i) {
      bool member = false;
      for (uint256 j = 0; j < committee.length; ++j) member = member || committee[j] == validators[i];
      if (!member) outsider = validators[i];
    }
    assertTrue(outsider != address(0), "a validator outside the committee");
  }

  function _header(uint256 slot, bytes32 archive) internal pure returns (ProposedHeader memory h) {
    h.lastArchive = GENESIS_ARCHIVE;
    h.archive = archive;
    h.blockNumber = 1;
    h.slot = Slot.wrap(slot);
    h.timestamp = START + slot * SLOT_SECONDS;
  }

  function _sign(uint256 key, ProposedHeader memory h) internal view returns (bytes memory) {
    (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, rollup.getAttestationDigest(h));
    return abi.encodePacked(r, s, v);
  }

  function _evidence(
    address attester,
    uint256 slotA,
    uint256 slotB
  ) internal view returns (EquivocationEvidence memory e) {
    e.attester = attester;
    e.first = _header(slotA, keccak256("a"));
    e.second = _header(slotB, keccak256("b"));
    e.firstSignature = _sign(keyOf[attester], e.first);
    e.secondSignature = _sign(keyOf[attester], e.second);
    for (uint256 i = 0; i < committee.length; ++i) e.committee = abi.encodePacked(e.committee, committee[i]);
  }

  function _expectRefused(EquivocationEvidence memory e, bytes memory err) internal {
    uint256 stake = _stake(e.attester);
    vm.expectRevert(err);
    slasher.slashEquivocation(e);
    assertEq(_stake(e.attester), stake, "stake unchanged");
    assertFalse(slasher.isEvidenceUsed(e.attester, Slot.unwrap(e.first.slot)), "evidence unused");
    assertEq(asset.balanceOf(sink), 0);
  }

  function test_slashEquivocation_slashesAtOnceAndForwardsToTheSink() public {
    uint256 slot = _currentSlot();
    EquivocationEvidence memory e = _evidence(committee[0], slot, slot);
    vm.expectEmit(address(slasher));
    emit ISlasher.EquivocationSlashed(committee[0], slot, EQUIVOCATION_AMOUNT);
    uint256 gasBefore = gasleft();
    slasher.slashEquivocation(e);
    emit log_named_uint("slashEquivocation gas", gasBefore - gasleft());
    assertEq(_stake(committee[0]), 100e18 - EQUIVOCATION_AMOUNT);
    assertEq(asset.balanceOf(sink), EQUIVOCATION_AMOUNT);
    assertTrue(slasher.isEvidenceUsed(committee[0], slot));
  }

  function test_slashEquivocation_samplesTheCommitteeOfAnEpochNobodySetUp() public {
    uint256 slot = _currentSlot() + EPOCH_SLOTS;
    _warpToSlot(slot);
    assertEq(rollup.getCommitteeHash(Epoch.wrap(slot / EPOCH_SLOTS)), bytes32(0), "not set up");
    committee = rollup.getEpochCommittee(Epoch.wrap(slot / EPOCH_SLOTS));
    EquivocationEvidence memory e = _evidence(committee[0], slot, slot);
    e.committee = "";
    slasher.slashEquivocation(e);
    assertEq(_stake(committee[0]), 100e18 - EQUIVOCATION_AMOUNT);
  }

  function test_slashEquivocation_refusesAWrongCommittee() public {
    uint256 slot = _currentSlot();
    EquivocationEvidence memory e = _evidence(committee[0], slot, slot);
    bytes32 stored = rollup.getCommitteeHash(Epoch.wrap(slot / EPOCH_SLOTS));
    e.committee = abi.encodePacked(committee[0]);
    _expectRefused(
      e,
      abi.encodeWithSelector(ISlasher.Slasher__WrongCommittee.selector, stored, keccak256(e.committee))
    );
  }

  function test_slashEquivocation_acceptsAnEarlierSlotOfThisEpoch() public {
    uint256 slot = _currentSlot();
    _warpToSlot(slot + 2);
    slasher.slashEquivocation(_evidence(committee[1], slot, slot));
    assertEq(_stake(committee[1]), 100e18 - EQUIVOCATION_AMOUNT);
  }

  function test_slashEquivocation_refusesReusedEvidence() public {
    uint256 slot = _currentSlot();
    EquivocationEvidence memory e = _evidence(committee[0], slot, slot);
    slasher.slashEquivocation(e);
    // The same pair, or another pair for the same attester and slot.
    e.second.archive = keccak256("c");
    e.secondSignature = _sign(keyOf[committee[0]], e.second);
    vm.expectRevert(abi.encodeWithSelector(ISlasher.Slasher__EvidenceUsed.selector, committee[0], slot));
    slasher.slashEquivocation(e);
    assertEq(_stake(committee[0]), 100e18 - EQUIVOCATION_AMOUNT);
  }

  function test_slashEquivocation_refusesDifferentSlots() public {
    uint256 slot = _currentSlot();
    _warpToSlot(slot + 1);
    _expectRefused(
      _evidence(committee[0], slot, slot + 1),
      abi.encodeWithSelector(ISlasher.Slasher__DifferentSlots.selector, slot, slot + 1)
    );
  }

  function test_slashEquivocation_refusesSameArchive() public {
    uint256 slot = _currentSlot();
    EquivocationEvidence memory e = _evidence(committee[0], slot, slot);
    e.second.archive = e.first.archive;
    e.second.txCount = 7; // a different header, but the same archive: no equivocation
    e.secondSignature = _sign(keyOf[committee[0]], e.second);
    _expectRefused(e, abi.encodeWithSelector(ISlasher.Slasher__SameArchive.selector, e.first.archive));
  }

  function test_slashEquivocation_refusesForgedSignature() public {
    uint256 slot = _currentSlot();
    EquivocationEvidence memory e = _evidence(committee[0], slot, slot);
    e.secondSignature = _sign(keyOf[committee[1]], e.second);
    _expectRefused(
      e,
      abi.encodeWithSelector(ISlasher.Slasher__InvalidSignature.selector, 1, committee[0], committee[1])
    );
  }

  function test_slashEquivocation_refusesMismatchedAttester() public {
    uint256 slot = _currentSlot();
    EquivocationEvidence memory e = _evidence(committee[0], slot, slot);
    e.attester = committee[1];
    _expectRefused(
      e,
      abi.encodeWithSelector(ISlasher.Slasher__InvalidSignature.selector, 0, committee[1], committee[0])
    );
  }

  function test_slashEquivocation_refusesAnAttesterOffTheCommittee() public {
    uint256 slot = _currentSlot();
    _expectRefused(
      _evidence(outsider, slot, slot),
      abi.encodeWithSelector(ISlasher.Slasher__NotOnCommittee.selector, outsider, slot / EPOCH_SLOTS)
    );
  }

  function test_slashEquivocation_refusesAFutureSlot() public {
    uint256 slot = _currentSlot();
    _expectRefused(
      _evidence(committee[0], slot + 1, slot + 1),
      abi.encodeWithSelector(ISlasher.Slasher__FutureSlot.selector, slot, slot + 1)
    );
  }

  function test_slashEquivocation_refusesWhilePaused() public {
    uint256 slot = _currentSlot();
    vm.prank(vetoer);
    slasher.pause(1 hours);
    _expectRefused(
      _evidence(committee[0], slot, slot),
      abi.encodeWithSelector(ISlasher.Slasher__Paused.selector, block.timestamp + 1 hours)
    );
  }

  function test_slashEquivocation_refusesWhenNotTheRollupsSlasher() public {
    vm.prank(owner);
    rollup.setSlasher(makeAddr("otherSlasher"));
    uint256 slot = _currentSlot();
    _expectRefused(
      _evidence(committee[0], slot, slot),
      abi.encodeWithSelector(ISlasher.Slasher__CannotSlash.selector, committee[0])
    );
  }
}
