// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IStakingEscrow} from "../../contracts/staking/interfaces/IStakingEscrow.sol";

/// @notice Signs attesters' stake consents (audit F-4) for Solidity tests, as a participant's key would.
abstract contract StakeConsent is Test {
  /// @dev The attester's EIP-712 `StakeConsent` signature, 65 bytes `r ‖ s ‖ v`.
  function _signConsent(
    IStakingEscrow escrow_,
    uint256 attesterKey,
    address withdrawer_,
    address rollup,
    bool followCanonical
  ) internal view returns (bytes memory) {
    bytes32 digest = escrow_.stakeConsentDigest(vm.addr(attesterKey), withdrawer_, rollup, followCanonical);
    (uint8 v, bytes32 r, bytes32 s) = vm.sign(attesterKey, digest);
    return abi.encodePacked(r, s, v);
  }
}
