// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IVerifier
/// @notice The proof system the Rollup checks epoch proofs with (SPEC section 6). A real SNARK verifier
///         plugs in behind this interface; the Rollup only ever passes it the proof bytes and one hash of
///         every public input, computed on-chain.
interface IVerifier {
  /// @notice Whether `proof` proves the statement whose public inputs hash to `publicInputsHash`.
  /// @param proof The proof bytes, opaque to the Rollup.
  /// @param publicInputsHash `keccak256` of the epoch's public inputs (see `EpochProofLib.publicInputsHash`).
  /// @return valid True if the proof verifies.
  function verify(bytes calldata proof, bytes32 publicInputsHash) external view returns (bool valid);
}
