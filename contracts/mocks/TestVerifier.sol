// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IVerifier} from "../verifier/interfaces/IVerifier.sol";

/// @title TestVerifier
/// @notice Accepts any proof, or rejects every proof once its owner switches it, so tests (and early,
///         proving-off phases) can drive both outcomes of `submitEpochRootProof`.
/// @dev Test deployments only: with this verifier an epoch proof binds nothing beyond what the Rollup
///      checks itself (archives, range, window, blob opening). See docs/PROOFS.md.
contract TestVerifier is IVerifier, Ownable {
  /// @notice Whether `verify` currently accepts.
  bool public accepting = true;

  /// @notice Emitted when the owner switches between accepting and rejecting.
  event AcceptingSet(bool accepting);

  constructor(address owner_) Ownable(owner_) {}

  /// @inheritdoc IVerifier
  function verify(bytes calldata, bytes32) external view returns (bool) {
    return accepting;
  }

  /// @notice Switches the verifier between accepting and rejecting every proof. Owner only.
  /// @param accepting_ True to accept every proof, false to reject every proof.
  function setAccepting(bool accepting_) external onlyOwner {
    accepting = accepting_;
    emit AcceptingSet(accepting_);
  }
}
