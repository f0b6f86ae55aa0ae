// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {RollupLibHarness} from "../../contracts/mocks/RollupLibHarness.sol";
import {IRollup} from "../../contracts/core/interfaces/IRollup.sol";

contract BlobLibTest is Test {
  RollupLibHarness internal lib;

  function setUp() public {
    lib = new RollupLibHarness();
  }

  function _versionedHash(bytes memory commitment) internal pure returns (bytes32) {
    return bytes32((uint256(sha256(commitment)) & ((1 << 248) - 1)) | (uint256(1) << 248));
  }

  function _commitments(uint256 n, uint256 seed) internal pure returns (bytes memory packed, bytes32[] memory vhs) {
    vhs = new bytes32[](n);
    for (uint256 i = 0; i < n; ++i) {
      bytes memory c = abi.encodePacked(keccak256(abi.encode(seed, i)), bytes16(keccak256(abi.encode(i, seed))));
      packed = abi.encodePacked(packed, c);
      vhs[i] = _versionedHash(c);
    }
  }

  function test_fuzz_check_acceptsMatchingBlobs(uint256 n, uint256 seed) public {
    n = bound(n, 1, 6);
    (bytes memory packed, bytes32[] memory vhs) = _commitments(n, seed);
    lib.setBlobhashes(vhs);
    bytes32[] memory out = lib.checkBlobs(packed, keccak256(abi.encodePacked(vhs)));
    assertEq(out, vhs);
  }

  /// Audit F-8: a block names at least one blob, whatever its txCount.
  function test_check_refusesNoBlobs() public {
    lib.setBlobhashes(new bytes32[](0));
    vm.expectRevert(IRollup.Rollup__NoBlobs.selector);
    lib.checkBlobs("", keccak256(""));
  }

  /// Audit F-8: a blob the transaction carries beyond the named commitments is refused, not ignored.
  function test_fuzz_check_refusesAnExtraBlob(uint256 n, uint256 seed) public {
    n = bound(n, 1, 5);
    (bytes memory packed, bytes32[] memory vhs) = _commitments(n + 1, seed);
    lib.setBlobhashes(vhs);
    bytes memory named = new bytes(n * 48);
    for (uint256 i = 0; i < named.length; ++i) named[i] = packed[i];
    bytes32[] memory namedHashes = new bytes32[](n);
    for (uint256 i = 0; i < n; ++i) namedHashes[i] = vhs[i];
    vm.expectRevert(abi.encodeWithSelector(IRollup.Rollup__UnexpectedBlob.selector, n, vhs[n]));
    lib.checkBlobs(named, keccak256(abi.encodePacked(namedHashes)));
  }

  function test_fuzz_check_refusesAnotherBlob(uint256 n, uint256 victim, uint256 seed) public {
    n = bound(n, 1, 6);
    victim = bound(victim, 0, n - 1);
    (bytes memory packed, bytes32[] memory vhs) = _commitments(n, seed);
    bytes32 computed = vhs[victim];
    vhs[victim] = keccak256("another blob");
    lib.setBlobhashes(vhs);
    vm.expectRevert(abi.encodeWithSelector(IRollup.Rollup__BlobHashMismatch.selector, victim, vhs[victim], computed));
    lib.checkBlobs(packed, keccak256(abi.encodePacked(vhs)));
  }

  function test_check_refusesAWrongBlobsHash() public {
    (bytes memory packed, bytes32[] memory vhs) = _commitments(2, 7);
    lib.setBlobhashes(vhs);
    bytes32 expected = keccak256(abi.encodePacked(vhs));
    vm.expectRevert(abi.encodeWithSelector(IRollup.Rollup__BlobsHashMismatch.selector, expected, bytes32(uint256(1))));
    lib.checkBlobs(packed, bytes32(uint256(1)));
  }

  function test_check_refusesAPartialCommitment() public {
    (bytes memory packed, ) = _commitments(1, 7);
    bytes memory truncated = new bytes(47);
    for (uint256 i = 0; i < 47; ++i) truncated[i] = packed[i];
    vm.expectRevert(abi.encodeWithSelector(IRollup.Rollup__MalformedBlobCommitments.selector, 47));
    lib.checkBlobs(truncated, bytes32(0));
  }
}
