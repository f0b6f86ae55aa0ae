// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {SlashPayloadFactory} from "../../contracts/slashing/SlashPayloadFactory.sol";
import {
  ISlashPayload,
  ISlashPayloadFactory,
  SlashEntry,
  Offence
} from "../../contracts/slashing/interfaces/ISlashPayload.sol";

contract SlashPayloadFactoryTest is Test {
  SlashPayloadFactory internal factory;

  function setUp() public {
    factory = new SlashPayloadFactory();
  }

  function _list(uint256 n) internal pure returns (SlashEntry[] memory entries) {
    entries = new SlashEntry[](n);
    for (uint256 i = 0; i < n; ++i) {
      entries[i] = SlashEntry(address(uint160(0x1000 + i)), (i + 1) * 1e18, Offence(i % 4));
    }
  }

  function test_createPayload_deploysAtThePredictedAddressWithTheList() public {
    SlashEntry[] memory entries = _list(3);
    address predicted = factory.predictAddress(entries);
    vm.expectEmit(address(factory));
    emit ISlashPayloadFactory.SlashPayloadCreated(ISlashPayload(predicted), keccak256(abi.encode(entries)), 3);
    ISlashPayload payload = factory.createPayload(entries);
    assertEq(address(payload), predicted);
    assertEq(payload.size(), 3);
    SlashEntry[] memory stored = payload.getEntries();
    assertEq(keccak256(abi.encode(stored)), keccak256(abi.encode(entries)));
    assertEq(payload.getEntry(2).attester, entries[2].attester);
    assertEq(uint8(payload.getEntry(1).offence), uint8(Offence.INVALID_ATTESTATIONS));
  }

  function test_createPayload_returnsTheExistingPayloadForTheSameList() public {
    SlashEntry[] memory entries = _list(2);
    ISlashPayload first = factory.createPayload(entries);
    vm.recordLogs();
    ISlashPayload second = factory.createPayload(entries);
    assertEq(address(second), address(first));
    assertEq(vm.getRecordedLogs().length, 0, "no second creation");
  }

  function test_createPayload_differentContentGivesDifferentAddress() public view {
    SlashEntry[] memory a = _list(2);
    SlashEntry[] memory b = _list(2);
    b[1].amount += 1;
    assertTrue(factory.predictAddress(a) != factory.predictAddress(b));
    b[1].amount -= 1;
    b[1].offence = Offence.EQUIVOCATION;
    assertTrue(factory.predictAddress(a) != factory.predictAddress(b));
  }

  function test_fuzz_predictAddress_sameForAnyFactoryCaller(address caller, uint8 n) public {
    SlashEntry[] memory entries = _list(bound(n, 1, 20));
    address predicted = factory.predictAddress(entries);
    vm.prank(caller);
    assertEq(address(factory.createPayload(entries)), predicted);
  }

  function _expectRefused(SlashEntry[] memory entries, bytes memory err) internal {
    address predicted = factory.predictAddress(entries);
    vm.expectRevert(err);
    factory.createPayload(entries);
    assertEq(predicted.code.length, 0, "nothing deployed");
  }

  function test_createPayload_refusesEmptyList() public {
    _expectRefused(
      new SlashEntry[](0),
      abi.encodeWithSelector(ISlashPayloadFactory.SlashPayloadFactory__EmptyList.selector)
    );
  }

  function test_createPayload_refusesZeroAttester() public {
    SlashEntry[] memory entries = _list(2);
    entries[0].attester = address(0);
    _expectRefused(entries, abi.encodeWithSelector(ISlashPayloadFactory.SlashPayloadFactory__ZeroAttester.selector, 0));
  }

  function test_createPayload_refusesZeroAmount() public {
    SlashEntry[] memory entries = _list(2);
    entries[1].amount = 0;
    _expectRefused(entries, abi.encodeWithSelector(ISlashPayloadFactory.SlashPayloadFactory__ZeroAmount.selector, 1));
  }

  function test_createPayload_refusesAmountAbove88Bits() public {
    SlashEntry[] memory entries = _list(2);
    entries[1].amount = uint256(type(uint88).max) + 1;
    _expectRefused(
      entries,
      abi.encodeWithSelector(
        ISlashPayloadFactory.SlashPayloadFactory__AmountTooLarge.selector,
        1,
        uint256(type(uint88).max) + 1
      )
    );
  }

  function test_createPayload_keepsLargestAmountAndEveryOffence() public {
    SlashEntry[] memory entries = _list(4);
    entries[0].amount = type(uint88).max;
    for (uint256 i = 0; i < 4; ++i) entries[i].offence = Offence(i);
    ISlashPayload payload = factory.createPayload(entries);
    SlashEntry[] memory read = payload.getEntries();
    assertEq(keccak256(abi.encode(read)), keccak256(abi.encode(entries)));
    assertEq(uint8(payload.getEntry(3).offence), uint8(Offence.EQUIVOCATION));
  }

  function test_createPayload_refusesUnsorted() public {
    SlashEntry[] memory entries = _list(3);
    (entries[1], entries[2]) = (entries[2], entries[1]);
    _expectRefused(
      entries,
      abi.encodeWithSelector(
        ISlashPayloadFactory.SlashPayloadFactory__NotSorted.selector,
        2,
        entries[1].attester,
        entries[2].attester
      )
    );
  }

  function test_createPayload_refusesDuplicate() public {
    SlashEntry[] memory entries = _list(2);
    entries[1].attester = entries[0].attester;
    _expectRefused(
      entries,
      abi.encodeWithSelector(
        ISlashPayloadFactory.SlashPayloadFactory__NotSorted.selector,
        1,
        entries[0].attester,
        entries[0].attester
      )
    );
  }
}
