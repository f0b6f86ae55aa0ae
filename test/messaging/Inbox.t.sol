// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {Inbox} from "../../contracts/core/messagebridge/Inbox.sol";
import {IInbox} from "../../contracts/core/messagebridge/interfaces/IInbox.sol";
import {MessageHashLib} from "../../contracts/core/messagebridge/libraries/MessageHashLib.sol";
import {MessagingRollupHarness} from "../../contracts/mocks/MessagingRollupHarness.sol";

contract InboxTest is Test {
  uint256 internal constant HEIGHT = 2; // 4 messages per tree
  uint256 internal constant MAX_PENDING = 3;
  uint256 internal constant VERSION = 1;
  uint256 internal constant FEE = 1e14;

  Inbox internal inbox;
  MessagingRollupHarness internal rollup;
  address internal feeSink = makeAddr("feeSink");

  function setUp() public {
    vm.deal(address(this), 100 ether);
    inbox = new Inbox(HEIGHT, MAX_PENDING, VERSION, FEE, feeSink);
    rollup = new MessagingRollupHarness();
    inbox.bindRollup(address(rollup));
  }

  function _send(uint256 i) internal returns (bytes32 leaf, uint256 index) {
    return inbox.sendL2Message{value: FEE}(bytes32(i + 1), bytes32(i + 2), bytes32(i + 3));
  }

  function _zero(uint256 levels) internal pure returns (bytes32 z) {
    for (uint256 i = 0; i < levels; ++i) z = Hashes.commutativeKeccak256(z, z);
  }

  function test_sendL2Message_joinsTreeTwoFirst() public {
    (bytes32 leaf, uint256 index) = _send(0);
    assertEq(index, 2 << HEIGHT);
    assertEq(inbox.getTreeSize(2), 1);
    assertEq(inbox.getTreeSize(1), 0);
    (bytes32 rolling, uint256 total) = inbox.getRollingHash();
    assertEq(rolling, keccak256(abi.encodePacked(bytes32(0), leaf)));
    assertEq(total, 1);
  }

  function test_sendL2Message_emitsRollingHashIndexAndL1Block() public {
    bytes32 leaf = MessageHashLib.l1ToL2Leaf(
      address(this),
      bytes32(uint256(1)),
      VERSION,
      bytes32(uint256(2)),
      bytes32(uint256(3)),
      8
    );
    vm.expectEmit(address(inbox));
    emit IInbox.MessageSent(
      2,
      8,
      leaf,
      keccak256(abi.encodePacked(bytes32(0), leaf)),
      block.number,
      address(this),
      bytes32(uint256(1)),
      bytes32(uint256(2)),
      bytes32(uint256(3))
    );
    _send(0);
  }

  function test_getRoot_matchesTwoLevelTree() public {
    (bytes32 a, ) = _send(0);
    (bytes32 b, ) = _send(1);
    (bytes32 c, ) = _send(2);
    bytes32 expected = Hashes.commutativeKeccak256(
      Hashes.commutativeKeccak256(a, b),
      Hashes.commutativeKeccak256(c, bytes32(0))
    );
    assertEq(inbox.getRoot(2), expected);
    (bytes32 d, ) = _send(3);
    expected = Hashes.commutativeKeccak256(Hashes.commutativeKeccak256(a, b), Hashes.commutativeKeccak256(c, d));
    assertEq(inbox.getRoot(2), expected);
  }

  function test_getRoot_emptyTreeIsZeroSubtree() public view {
    assertEq(inbox.getRoot(1), _zero(HEIGHT));
  }

  function test_sendL2Message_fullTreeMovesToNext() public {
    for (uint256 i = 0; i < 4; ++i) _send(i);
    (, uint256 index) = _send(4);
    assertEq(index, 3 << HEIGHT);
    assertEq(inbox.getInProgress(), 3);
  }

  function test_sendL2Message_refusesTooManyPendingTrees() public {
    for (uint256 i = 0; i < 8; ++i) _send(i); // trees 2 and 3 full (pending = 3 - 0 = 3 ≤ 3)
    (bytes32 rollingBefore, uint256 totalBefore) = inbox.getRollingHash();
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__TooManyPendingTrees.selector, MAX_PENDING, 4));
    _send(8);
    (bytes32 rollingAfter, uint256 totalAfter) = inbox.getRollingHash();
    assertEq(rollingAfter, rollingBefore);
    assertEq(totalAfter, totalBefore);
    assertEq(inbox.getInProgress(), 3);
    // Consuming block 1 frees room.
    rollup.consumeInbox(inbox, 1);
    (, uint256 index) = _send(8);
    assertEq(index, 4 << HEIGHT);
  }

  function test_sendL2Message_refusesNonFieldValues() public {
    uint256 p = MessageHashLib.L2_FIELD_MODULUS;
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__NotAFieldElement.selector, p - 1, p));
    inbox.sendL2Message{value: FEE}(bytes32(p), bytes32(0), bytes32(0));
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__NotAFieldElement.selector, p - 1, p));
    inbox.sendL2Message{value: FEE}(bytes32(0), bytes32(p), bytes32(0));
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__NotAFieldElement.selector, p - 1, type(uint256).max));
    inbox.sendL2Message{value: FEE}(bytes32(0), bytes32(0), bytes32(type(uint256).max));
    (, uint256 total) = inbox.getRollingHash();
    assertEq(total, 0);
    assertEq(inbox.getTreeSize(2), 0);
  }

  function test_consume_sealsNextTreeAndReturnsRoot() public {
    _send(0); // tree 2
    assertEq(rollup.consumeInbox(inbox, 1), _zero(HEIGHT));
    assertEq(inbox.getInProgress(), 3);
    (, uint256 index) = _send(1);
    assertEq(index, 3 << HEIGHT); // tree 2 is sealed for block 2
    bytes32 root2 = inbox.getRoot(2);
    assertEq(rollup.consumeInbox(inbox, 2), root2);
    // After a prune the same tree is consumed again with the same root.
    assertEq(rollup.consumeInbox(inbox, 2), root2);
  }

  function test_consume_refusesUnsealedTree() public {
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__TreeNotSealed.selector, 2, 2));
    rollup.consumeInbox(inbox, 2);
    assertEq(inbox.getInProgress(), 2);
  }

  function test_consume_refusesOtherCallers() public {
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__Unauthorized.selector, address(rollup), address(this)));
    inbox.consume(1);
    assertEq(inbox.getInProgress(), 2);
  }

  function test_bindRollup_onceByDeployerOnly() public {
    Inbox fresh = new Inbox(HEIGHT, MAX_PENDING, VERSION, 0, address(0));
    vm.prank(address(0xBEEF));
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__Unauthorized.selector, address(this), address(0xBEEF)));
    fresh.bindRollup(address(rollup));
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__InvalidRollup.selector, address(0), address(0)));
    fresh.bindRollup(address(0));
    assertEq(fresh.rollup(), address(0));
    fresh.bindRollup(address(rollup));
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__InvalidRollup.selector, address(rollup), address(1)));
    fresh.bindRollup(address(1));
    assertEq(fresh.rollup(), address(rollup));
  }

  function test_constructor_refusesInvalidConfig() public {
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__InvalidConfig.selector, 0, 1));
    new Inbox(0, 1, VERSION, 0, address(0));
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__InvalidConfig.selector, 17, 1));
    new Inbox(17, 1, VERSION, 0, address(0));
    vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__InvalidConfig.selector, 4, 0));
    new Inbox(4, 0, VERSION, 0, address(0));
    vm.expectRevert(IInbox.Inbox__ZeroFeeRecipient.selector);
    new Inbox(4, 1, VERSION, 1, address(0));
  }

  /// Audit F-5: every message pays the fee, exactly; a wrong value changes nothing.
  function test_sendL2Message_refusesAnotherValueThanTheFee() public {
    for (uint256 value = 0; value <= 2 * FEE; value += FEE) {
      if (value == FEE) continue;
      vm.expectRevert(abi.encodeWithSelector(IInbox.Inbox__WrongFee.selector, FEE, value));
      inbox.sendL2Message{value: value}(bytes32(uint256(1)), bytes32(uint256(2)), bytes32(uint256(3)));
    }
    (, uint256 total) = inbox.getRollingHash();
    assertEq(total, 0, "no message joined");
    assertEq(address(inbox).balance, 0);
  }

  /// Audit F-5: filling every pending tree (the halt the review reproduced) now costs MAX_PENDING * 2^HEIGHT fees,
  /// and the collected fees go to the recipient.
  function test_spamToFillEveryPendingTreeCostsItsFees() public {
    uint256 sent;
    while (true) {
      try this.sendOne{value: FEE}() {
        ++sent;
      } catch (bytes memory err) {
        assertEq(bytes4(err), IInbox.Inbox__TooManyPendingTrees.selector);
        break;
      }
    }
    assertEq(sent, (MAX_PENDING - 1) * (1 << HEIGHT), "trees 2..MAX_PENDING (block 1's tree stays empty)");
    assertEq(address(inbox).balance, sent * FEE, "the spammer paid for every message");
    assertEq(inbox.withdrawFees(), sent * FEE);
    assertEq(feeSink.balance, sent * FEE);
    assertEq(address(inbox).balance, 0);
  }

  function sendOne() external payable {
    inbox.sendL2Message{value: msg.value}(bytes32(uint256(1)), bytes32(uint256(2)), bytes32(uint256(3)));
  }

  /// `consume` seals the next tree: a state change a follower needs, so it is an event.
  function test_consume_emitsTreeConsumed() public {
    _send(0);
    vm.expectEmit(address(inbox));
    emit IInbox.TreeConsumed(1, inbox.getRoot(1), 3);
    vm.prank(address(rollup));
    inbox.consume(1);
  }

  function test_fuzz_sendL2Message_rootMatchesFullRecompute(uint8 count) public {
    uint256 n = bound(count, 0, 4);
    bytes32[4] memory leaves;
    for (uint256 i = 0; i < n; ++i) (leaves[i], ) = _send(i);
    bytes32 expected = Hashes.commutativeKeccak256(
      Hashes.commutativeKeccak256(leaves[0], leaves[1]),
      Hashes.commutativeKeccak256(leaves[2], leaves[3])
    );
    assertEq(inbox.getRoot(2), expected);
  }
}
