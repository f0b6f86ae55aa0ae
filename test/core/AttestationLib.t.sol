// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {RollupLibHarness} from "../../contracts/mocks/RollupLibHarness.sol";
import {Attestations, IRollup} from "../../contracts/core/interfaces/IRollup.sol";

contract AttestationLibTest is Test {
  uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
  RollupLibHarness internal lib;
  bytes32 internal constant DIGEST = keccak256("a proposal");

  function setUp() public {
    lib = new RollupLibHarness();
  }

  function _key(uint256 i) internal pure returns (uint256) {
    return (uint256(keccak256(abi.encode("member", i))) % (SECP256K1_N - 1)) + 1;
  }

  function _committee(uint256 n) internal pure returns (bytes memory packed) {
    for (uint256 i = 0; i < n; ++i) packed = abi.encodePacked(packed, vm.addr(_key(i)));
  }

  function _sign(uint256 n, uint256 bitmap, bytes32 digest) internal pure returns (Attestations memory att) {
    att.signerBitmap = bitmap;
    for (uint256 i = 0; i < n; ++i) {
      if ((bitmap >> i) & 1 == 1) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_key(i), digest);
        att.signatures = abi.encodePacked(att.signatures, r, s, v);
      }
    }
  }

  /// @dev A random bitmap over n members with at least `count` bits: the first `count` of a seeded shuffle.
  function _bitmap(uint256 n, uint256 count, uint256 seed) internal view returns (uint256 bitmap) {
    uint256[] memory picked = lib.sample(seed, n, count);
    for (uint256 i = 0; i < picked.length; ++i) bitmap |= 1 << picked[i];
  }

  function test_fuzz_verify_acceptsAnyQuorumOfDistinctMembers(uint256 n, uint256 extra, uint256 seed) public view {
    n = bound(n, 1, 48);
    uint256 needed = (2 * n) / 3 + 1;
    uint256 count = needed + bound(extra, 0, n - needed);
    uint256 bitmap = _bitmap(n, count, seed);
    lib.verify(DIGEST, _sign(n, bitmap, DIGEST), _committee(n));
  }

  function test_fuzz_verify_refusesBelowQuorum(uint256 n, uint256 count, uint256 seed) public {
    n = bound(n, 1, 48);
    uint256 needed = (2 * n) / 3 + 1;
    count = bound(count, 0, needed - 1);
    uint256 bitmap = _bitmap(n, count, seed);
    Attestations memory att = _sign(n, bitmap, DIGEST);
    bytes memory committee = _committee(n);
    vm.expectRevert(abi.encodeWithSelector(IRollup.Rollup__InsufficientAttestations.selector, needed, count));
    lib.verify(DIGEST, att, committee);
  }

  function test_fuzz_verify_refusesASignatureOverAnotherDigest(uint256 n, uint256 victim, bytes32 other) public {
    n = bound(n, 3, 32);
    vm.assume(other != DIGEST);
    uint256 bitmap = (1 << n) - 1; // everyone signs
    victim = bound(victim, 0, n - 1);
    Attestations memory att = _sign(n, bitmap, DIGEST);
    (uint8 v, bytes32 r, bytes32 s) = vm.sign(_key(victim), other);
    bytes memory sigs = att.signatures;
    assembly {
      let p := add(add(sigs, 0x20), mul(victim, 65))
      mstore(p, r)
      mstore(add(p, 0x20), s)
      mstore8(add(p, 0x40), v)
    }
    bytes memory committee = _committee(n);
    vm.expectPartialRevert(IRollup.Rollup__InvalidAttestation.selector);
    lib.verify(DIGEST, att, committee);
  }

  function test_verify_refusesAMalleableHighSSignature() public {
    uint256 n = 3;
    Attestations memory att = _sign(n, 7, DIGEST);
    bytes memory sigs = att.signatures;
    // Flip member 0's signature to (r, n - s, v ^ 1): ecrecover accepts it, the library must not.
    assembly {
      let p := add(sigs, 0x20)
      let s := mload(add(p, 0x20))
      mstore(add(p, 0x20), sub(SECP256K1_N, s))
      let v := byte(0, mload(add(p, 0x40)))
      mstore8(add(p, 0x40), xor(v, 7)) // 27 <-> 28
    }
    bytes memory committee = _committee(n);
    vm.expectRevert(
      abi.encodeWithSelector(IRollup.Rollup__InvalidAttestation.selector, 0, vm.addr(_key(0)), vm.addr(_key(0)))
    );
    lib.verify(DIGEST, att, committee);
  }

  function test_verify_refusesSignaturesOutOfCommitteeOrder() public {
    uint256 n = 4;
    Attestations memory att = _sign(n, 0xf, DIGEST);
    bytes memory sigs = att.signatures;
    // Swap the signatures of members 0 and 1: each then sits at the other's index.
    bytes memory swapped = abi.encodePacked(_slice(sigs, 65, 65), _slice(sigs, 0, 65), _slice(sigs, 130, 130));
    att.signatures = swapped;
    bytes memory committee = _committee(n);
    vm.expectRevert(
      abi.encodeWithSelector(IRollup.Rollup__InvalidAttestation.selector, 0, vm.addr(_key(0)), vm.addr(_key(1)))
    );
    lib.verify(DIGEST, att, committee);
  }

  function test_verify_refusesABitBeyondTheCommittee() public {
    Attestations memory att = _sign(3, 7, DIGEST);
    att.signerBitmap = 7 | (1 << 3);
    bytes memory committee = _committee(3);
    vm.expectRevert(abi.encodeWithSelector(IRollup.Rollup__SignerOutOfRange.selector, 3, 15));
    lib.verify(DIGEST, att, committee);
  }

  function test_verify_refusesSignaturesOfTheWrongLength() public {
    Attestations memory att = _sign(3, 7, DIGEST);
    att.signatures = abi.encodePacked(att.signatures, bytes1(0));
    bytes memory committee = _committee(3);
    vm.expectRevert(abi.encodeWithSelector(IRollup.Rollup__MalformedSignatures.selector, 195, 196));
    lib.verify(DIGEST, att, committee);
  }

  function test_fuzz_popCount_matchesNaiveCount(uint256 x) public view {
    uint256 naive;
    for (uint256 y = x; y != 0; y >>= 1) naive += y & 1;
    assertEq(lib.popCount(x), naive);
  }

  function test_popCount_allOnes() public view {
    assertEq(lib.popCount(type(uint256).max), 256);
  }

  function _slice(bytes memory data, uint256 start, uint256 length) internal pure returns (bytes memory out) {
    out = new bytes(length);
    for (uint256 i = 0; i < length; ++i) out[i] = data[start + i];
  }
}
