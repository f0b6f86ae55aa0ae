// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {Outbox} from "../../contracts/core/messagebridge/Outbox.sol";
import {IOutbox, IOutboxRollup} from "../../contracts/core/messagebridge/interfaces/IOutbox.sol";
import {L2ToL1Msg} from "../../contracts/core/messagebridge/libraries/MessageHashLib.sol";
import {MessagingRollupHarness} from "../../contracts/mocks/MessagingRollupHarness.sol";

contract OutboxTest is Test {
  Outbox internal outbox;
  MessagingRollupHarness internal rollup;
  L2ToL1Msg[2] internal msgs;
  bytes32[2] internal leaves;

  function setUp() public {
    rollup = new MessagingRollupHarness();
    outbox = new Outbox(IOutboxRollup(address(rollup)));
    msgs[0] = L2ToL1Msg(bytes32(uint256(7)), address(this), block.chainid, bytes32(uint256(42)));
    msgs[1] = L2ToL1Msg(bytes32(uint256(8)), address(this), block.chainid, bytes32(uint256(43)));
    for (uint256 i = 0; i < 2; ++i) leaves[i] = keccak256(bytes.concat(keccak256(abi.encode(msgs[i], i))));
    rollup.setOutHash(5, Hashes.commutativeKeccak256(leaves[0], leaves[1]));
    rollup.setProvenTip(5);
  }

  function _path(uint256 i) internal view returns (bytes32[] memory path) {
    path = new bytes32[](1);
    path[0] = leaves[1 - i];
  }

  function test_consume_succeedsOnceForProvenBlock() public {
    vm.expectEmit(address(outbox));
    emit IOutbox.MessageConsumed(5, Hashes.commutativeKeccak256(leaves[0], leaves[1]), leaves[1], 1);
    outbox.consume(msgs[1], 5, 1, _path(1));
    assertTrue(outbox.hasMessageBeenConsumed(5, 1));
    assertFalse(outbox.hasMessageBeenConsumed(5, 0));
  }

  function test_consume_refusesSecondConsumption() public {
    outbox.consume(msgs[0], 5, 0, _path(0));
    vm.expectRevert(abi.encodeWithSelector(IOutbox.Outbox__AlreadyConsumed.selector, 5, 0));
    outbox.consume(msgs[0], 5, 0, _path(0));
    assertTrue(outbox.hasMessageBeenConsumed(5, 0));
  }

  function test_consume_refusesUnprovenBlock() public {
    rollup.setProvenTip(4);
    vm.expectRevert(abi.encodeWithSelector(IOutbox.Outbox__BlockNotProven.selector, 4, 5));
    outbox.consume(msgs[0], 5, 0, _path(0));
    assertFalse(outbox.hasMessageBeenConsumed(5, 0));
  }

  function test_consume_refusesBadPath() public {
    bytes32[] memory path = new bytes32[](1);
    path[0] = bytes32(uint256(1));
    bytes32 computed = Hashes.commutativeKeccak256(leaves[0], path[0]);
    vm.expectRevert(
      abi.encodeWithSelector(
        IOutbox.Outbox__InvalidPath.selector,
        Hashes.commutativeKeccak256(leaves[0], leaves[1]),
        computed
      )
    );
    outbox.consume(msgs[0], 5, 0, path);
    assertFalse(outbox.hasMessageBeenConsumed(5, 0));
  }

  function test_consume_refusesAnotherIndexForTheSameLeaf() public {
    // The index is bound into the leaf: message 0 claimed at index 1 does not hash to a leaf of the tree.
    bytes32 wrongLeaf = keccak256(bytes.concat(keccak256(abi.encode(msgs[0], uint256(1)))));
    vm.expectRevert(
      abi.encodeWithSelector(
        IOutbox.Outbox__InvalidPath.selector,
        Hashes.commutativeKeccak256(leaves[0], leaves[1]),
        Hashes.commutativeKeccak256(wrongLeaf, leaves[1])
      )
    );
    outbox.consume(msgs[0], 5, 1, _path(0));
    assertFalse(outbox.hasMessageBeenConsumed(5, 1));
  }

  function test_consume_refusesOtherRecipient() public {
    vm.prank(address(0xBEEF));
    vm.expectRevert(abi.encodeWithSelector(IOutbox.Outbox__InvalidRecipient.selector, address(this), address(0xBEEF)));
    outbox.consume(msgs[0], 5, 0, _path(0));
    assertFalse(outbox.hasMessageBeenConsumed(5, 0));
  }

  function test_consume_refusesOtherChain() public {
    L2ToL1Msg memory m = msgs[0];
    m.chainId = block.chainid + 1;
    vm.expectRevert(abi.encodeWithSelector(IOutbox.Outbox__InvalidChainId.selector, block.chainid, m.chainId));
    outbox.consume(m, 5, 0, _path(0));
    assertFalse(outbox.hasMessageBeenConsumed(5, 0));
  }

  function test_consume_refusesBlockWithoutMessages() public {
    vm.expectRevert(abi.encodeWithSelector(IOutbox.Outbox__NoMessages.selector, 3));
    outbox.consume(msgs[0], 3, 0, _path(0));
    assertFalse(outbox.hasMessageBeenConsumed(3, 0));
  }

  function test_consume_refusesIndexBeyondTree() public {
    vm.expectRevert(abi.encodeWithSelector(IOutbox.Outbox__LeafIndexOutOfRange.selector, 2, 2));
    outbox.consume(msgs[0], 5, 2, _path(0));
    assertFalse(outbox.hasMessageBeenConsumed(5, 2));
  }
}
