// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Attestations, IRollup, ProposedHeader} from "../interfaces/IRollup.sol";

/// @title AttestationLib
/// @notice Eager verification of committee attestations in the tight encoding of `Attestations`: a signer
///         bitmap over committee indices, packed 65-byte signatures in committee order, and the committee as
///         packed 20-byte addresses. Walking the bitmap from bit 0 up makes signers distinct and ordered by
///         committee index by construction.
library AttestationLib {
  /// @notice EIP-712 type of what a committee member signs: the hash of the proposed header.
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
  function verify(bytes32 digest_, Attestations calldata attestations, bytes calldata committee) internal pure {
    uint256 bitmap = attestations.signerBitmap;
    _checkCounts(committee.length / 20, bitmap, attestations.signatures.length);
    uint256 sigPtr;
    uint256 committeePtr;
    bytes calldata signatures = attestations.signatures;
    assembly ("memory-safe") {
      sigPtr := signatures.offset
      committeePtr := committee.offset
    }
    unchecked {
      for (uint256 i = 0; bitmap != 0; ++i) {
        if (bitmap & 1 == 1) {
          _checkSignature(digest_, sigPtr, committeePtr, i);
          sigPtr += 65;
        }
        bitmap >>= 1;
      }
    }
  }

  function _checkCounts(uint256 n, uint256 bitmap, uint256 signaturesLength) private pure {
    if (n < 256 && bitmap >> n != 0) revert IRollup.Rollup__SignerOutOfRange(n, bitmap);
    uint256 count = popCount(bitmap);
    uint256 needed = required(n);
    if (count < needed) revert IRollup.Rollup__InsufficientAttestations(needed, count);
    if (signaturesLength != count * 65) revert IRollup.Rollup__MalformedSignatures(count * 65, signaturesLength);
  }

  /// @dev Recovers the 65-byte signature at calldata `sigPtr` and compares it with committee member `index`.
  function _checkSignature(bytes32 digest_, uint256 sigPtr, uint256 committeePtr, uint256 index) private pure {
    bytes32 r;
    bytes32 s;
    uint8 v;
    address member;
    assembly ("memory-safe") {
      r := calldataload(sigPtr)
      s := calldataload(add(sigPtr, 0x20))
      v := byte(0, calldataload(add(sigPtr, 0x40)))
      member := shr(96, calldataload(add(committeePtr, mul(index, 20))))
    }
    (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest_, v, r, s);
    if (err != ECDSA.RecoverError.NoError || recovered != member) {
      revert IRollup.Rollup__InvalidAttestation(index, member, recovered);
    }
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
