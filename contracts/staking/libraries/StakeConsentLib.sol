// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IStakingEscrow} from "../interfaces/IStakingEscrow.sol";

/// @title StakeConsentLib
/// @notice An attester consents to being staked (audit F-4): it signs, with its attester key, EIP-712 typed data
///         `StakeConsent(attester, withdrawer, rollup, followCanonical)` on the escrow's domain (chain id and
///         escrow address), so nobody can stake an attester address with a withdrawer of their own (squatting
///         its exit, migration and votes) or block an operator's bulk onboarding by front-running one of its
///         entries. An attester that pays for itself consents by sending the transaction.
library StakeConsentLib {
  /// @dev keccak256("StakeConsent(address attester,address withdrawer,address rollup,bool followCanonical)")
  bytes32 internal constant TYPEHASH = keccak256(
    "StakeConsent(address attester,address withdrawer,address rollup,bool followCanonical)"
  );

  /// @notice The EIP-712 struct hash of a consent.
  function structHash(
    address attester,
    address withdrawer,
    address rollup,
    bool followCanonical
  ) internal pure returns (bytes32) {
    return keccak256(abi.encode(TYPEHASH, attester, withdrawer, rollup, followCanonical));
  }

  /// @notice Reverts unless `signature` over `digest` recovers `attester`.
  function check(bytes32 digest, address attester, bytes calldata signature) internal pure {
    (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, signature);
    if (err != ECDSA.RecoverError.NoError || recovered != attester) {
      revert IStakingEscrow.StakingEscrow__InvalidConsent(attester, recovered);
    }
  }
}
