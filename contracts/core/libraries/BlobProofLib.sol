// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEpochProof} from "../interfaces/IEpochProof.sol";

/// @notice A batched blob opening after its on-chain checks.
/// @param gamma Batching challenge: `C = Σ γ^i C_i`, `y = Σ γ^i p_i(z)`.
/// @param z Evaluation challenge.
/// @param y The batched evaluation the proof claims.
/// @param commitmentHash `keccak256(C)`: binds the 48-byte batched commitment into the public inputs.
struct BatchedBlobOpening {
  uint256 gamma;
  uint256 z;
  uint256 y;
  bytes32 commitmentHash;
}

/// @title BlobProofLib
/// @notice Ties an epoch proof to the blobs published at propose time (SPEC section 6, blob binding).
///
///         At propose time the Rollup folds each block's blob versioned hashes into a per-epoch rolling hash
///         `acc ← keccak256(acc ‖ headerHash ‖ vh_0 ‖ … ‖ vh_k)` (`ChainStateLib`); a versioned hash is
///         `0x01 ‖ sha256(C_i)[1:]`, so `acc` commits to every commitment `C_i` of the epoch, in order. At proof
///         time the prover supplies the batched commitment `C`, the value `y` and a KZG proof. The challenges
///         come from Fiat–Shamir over data fixed before the prover chooses anything: `γ = H("gamma" ‖ acc)`,
///         `z = H("z" ‖ acc ‖ C)` (mod the BLS12-381 scalar field). The point evaluation precompile (EIP-4844,
///         0x0a) checks `p(z) = y` for `C`. The verifier then proves, in-circuit, `C = Σ γ^i C_i` (with the
///         `C_i` opening `acc`) and that the blob polynomials hold the epoch's transactions; with a test
///         verifier those two statements are unchecked (docs/PROOFS.md).
library BlobProofLib {
  /// @dev The BLS12-381 scalar field modulus; the precompile also returns it.
  uint256 internal constant BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001;
  /// @dev Field elements per blob; the precompile returns it first.
  uint256 internal constant FIELD_ELEMENTS_PER_BLOB = 4096;
  /// @dev EIP-4844 point evaluation precompile.
  address internal constant POINT_EVALUATION = address(0x0a);
  /// @dev `C(48) ‖ y(32) ‖ kzgProof(48)`.
  uint256 internal constant BLOB_PROOF_LENGTH = 128;
  /// @dev Size of a KZG commitment (a compressed G1 point).
  uint256 internal constant COMMITMENT_LENGTH = 48;
  /// @dev EIP-4844 versioned hash version byte, in the top byte.
  bytes32 internal constant VERSIONED_HASH_VERSION_KZG = bytes32(uint256(0x01) << 248);
  bytes32 private constant LOW_31_BYTES = bytes32(type(uint256).max >> 8);

  /// @notice The EIP-4844 versioned hash of a commitment: `0x01 ‖ sha256(commitment)[1:]`.
  /// @param commitment A 48-byte KZG commitment.
  /// @return The versioned hash.
  function versionedHash(bytes calldata commitment) internal pure returns (bytes32) {
    return (sha256(commitment) & LOW_31_BYTES) | VERSIONED_HASH_VERSION_KZG;
  }

  /// @notice The Fiat–Shamir challenges of a batched opening.
  /// @param epochAccumulator The epoch's rolling hash of header hashes and blob versioned hashes.
  /// @param batchedCommitment The 48-byte batched commitment `C`.
  /// @return gamma The batching challenge, `keccak256("gamma" ‖ acc) mod r`.
  /// @return z The evaluation point, `keccak256("z" ‖ acc ‖ C) mod r`.
  function challenges(
    bytes32 epochAccumulator,
    bytes calldata batchedCommitment
  ) internal pure returns (uint256 gamma, uint256 z) {
    gamma = uint256(keccak256(abi.encodePacked("gamma", epochAccumulator))) % BLS_MODULUS;
    z = uint256(keccak256(abi.encodePacked("z", epochAccumulator, batchedCommitment))) % BLS_MODULUS;
  }

  /// @notice Checks a batched blob opening against the commitments accumulated at propose time.
  /// @param epochAccumulator The epoch's rolling hash of header hashes and blob versioned hashes.
  /// @param blobProof `C(48) ‖ y(32) ‖ kzgProof(48)`.
  /// @return opening The challenges and claimed value, for the proof's public inputs.
  function verifyBatchedOpening(
    bytes32 epochAccumulator,
    bytes calldata blobProof
  ) internal view returns (BatchedBlobOpening memory opening) {
    if (blobProof.length != BLOB_PROOF_LENGTH) {
      revert IEpochProof.BlobProof__InvalidLength(BLOB_PROOF_LENGTH, blobProof.length);
    }
    bytes calldata commitment = blobProof[0:COMMITMENT_LENGTH];
    (opening.gamma, opening.z) = challenges(epochAccumulator, commitment);
    opening.y = uint256(bytes32(blobProof[COMMITMENT_LENGTH:COMMITMENT_LENGTH + 32]));
    opening.commitmentHash = keccak256(commitment);

    // Input: versioned hash ‖ z ‖ y ‖ commitment ‖ proof (192 bytes); the precompile refuses y ≥ r itself.
    (bool ok, bytes memory out) = POINT_EVALUATION.staticcall(
      abi.encodePacked(
        versionedHash(commitment),
        opening.z,
        blobProof[COMMITMENT_LENGTH:COMMITMENT_LENGTH + 32],
        commitment,
        blobProof[COMMITMENT_LENGTH + 32:]
      )
    );
    if (!ok || out.length != 64) revert IEpochProof.BlobProof__PointEvaluationFailed(opening.z, opening.y);
    (uint256 elements, uint256 modulus) = abi.decode(out, (uint256, uint256));
    if (elements != FIELD_ELEMENTS_PER_BLOB || modulus != BLS_MODULUS) {
      revert IEpochProof.BlobProof__PointEvaluationFailed(opening.z, opening.y);
    }
  }
}
