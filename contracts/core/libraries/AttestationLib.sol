// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Attestations, IRollup, ProposedHeader} from "../interfaces/IRollup.sol";

/// @title AttestationLib
/// @notice Eager verification of committee attestations in the tight encoding of `Attestations`: a signer
///         bitmap over committee indices, packed 65-byte signatures in committee order, and the committee as
///         packed 20-byte addresses. Walking the bitmap from bit 0 up makes signers distinct and ordered by
///         committee index by construction.
library AttestationLib {
  /// @notice EIP-712 type of what a committee member signs: the hash of the proposed header.
  /// @dev secp256k1n / 2: larger `s` values are malleable (EIP-2), refused as in OpenZeppelin's ECDSA.
  uint256 internal constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
  bytes32 internal constant ATTESTATION_TYPEHASH = keccak256("ProposalAttestation(bytes32 headerHash)");

  /// @notice keccak256(abi.encode(header)).
  function headerHash(ProposedHeader calldata header) internal pure returns (bytes32) {
    return keccak256(abi.encode(header));
  }

  /// @notice The EIP-712 digest of `headerHash_` under `domainSeparator` (chain id and rollup address).
  function digest(bytes32 domainSeparator, bytes32 headerHash_) internal pure returns (bytes32) {
    return MessageHashUtils.toTypedDataHash(domainSeparator, keccak256(abi.encode(ATTESTATION_TYPEHASH, headerHash_)));
  }

  /// @notice floor(2n/3) + 1 signatures are needed from a committee of n.
  function required(uint256 committeeSize) internal pure returns (uint256) {
    return (committeeSize * 2) / 3 + 1;
  }

  /// @notice Whether committee member `index` is marked as a signer.
  function isSigner(uint256 signerBitmap, uint256 index) internal pure returns (bool) {
    return index < 256 && (signerBitmap >> index) & 1 == 1;
  }

  /// @notice Checks every marked signature against its committee member and the signer count.
  /// @param committee Packed 20-byte addresses (length checked by the caller: a multiple of 20, at most 256).
  function verify(bytes32 digest_, Attestations calldata attestations, bytes calldata committee) internal view {
    uint256 bitmap = attestations.signerBitmap;
    bytes calldata signatures = attestations.signatures;
    _checkCounts(committee.length / 20, bitmap, signatures.length);
    // The loop recovers every marked signature with the ecrecover precompile, with the same acceptance rule as
    // OpenZeppelin's ECDSA.tryRecover (s in the lower half order, v in {27, 28}, non-zero signer), written in
    // assembly because signatures are most of propose's cost. `failedIndex` is the first failing committee index.
    uint256 failedIndex = type(uint256).max;
    address recovered;
    assembly ("memory-safe") {
      let ptr := mload(0x40)
      mstore(ptr, digest_)
      let sigPtr := signatures.offset
      for {
        let i := 0
      } bitmap {
        i := add(i, 1)
        bitmap := shr(1, bitmap)
      } {
        if and(bitmap, 1) {
          let s := calldataload(add(sigPtr, 0x20))
          mstore(add(ptr, 0x20), byte(0, calldataload(add(sigPtr, 0x40))))
          mstore(add(ptr, 0x40), calldataload(sigPtr))
          mstore(add(ptr, 0x60), s)
          mstore(add(ptr, 0x80), 0)
          pop(staticcall(gas(), 0x01, ptr, 0x80, add(ptr, 0x80), 0x20))
          recovered := mload(add(ptr, 0x80))
          let member := shr(96, calldataload(add(committee.offset, mul(i, 20))))
          if or(or(iszero(recovered), gt(s, HALF_ORDER)), iszero(eq(recovered, member))) {
            failedIndex := i
            break
          }
          sigPtr := add(sigPtr, 65)
        }
      }
    }
    if (failedIndex != type(uint256).max) {
      address member = address(bytes20(committee[failedIndex * 20:failedIndex * 20 + 20]));
      revert IRollup.Rollup__InvalidAttestation(failedIndex, member, recovered);
    }
  }

  function _checkCounts(uint256 n, uint256 bitmap, uint256 signaturesLength) private pure {
    if (n < 256 && bitmap >> n != 0) revert IRollup.Rollup__SignerOutOfRange(n, bitmap);
    uint256 count = popCount(bitmap);
    uint256 needed = required(n);
    if (count < needed) revert IRollup.Rollup__InsufficientAttestations(needed, count);
    if (signaturesLength != count * 65) revert IRollup.Rollup__MalformedSignatures(count * 65, signaturesLength);
  }

  /// @notice Number of set bits (SWAR).
  function popCount(uint256 x) internal pure returns (uint256) {
    if (x == type(uint256).max) return 256;
    unchecked {
      x = x - ((x >> 1) & 0x5555555555555555555555555555555555555555555555555555555555555555);
      x =
        (x & 0x3333333333333333333333333333333333333333333333333333333333333333) +
        ((x >> 2) & 0x3333333333333333333333333333333333333333333333333333333333333333);
      x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f;
      return (x * 0x0101010101010101010101010101010101010101010101010101010101010101) >> 248;
    }
  }
}
