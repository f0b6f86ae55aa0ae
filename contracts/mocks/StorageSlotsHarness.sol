// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ChainStateLib} from "../core/libraries/ChainStateLib.sol";
import {ValidatorSelectionLib} from "../core/libraries/ValidatorSelectionLib.sol";
import {PruneLib} from "../core/libraries/PruneLib.sol";
import {RewardLib} from "../core/libraries/RewardLib.sol";
import {ValidatorSetsLib} from "../staking/libraries/ValidatorSetsLib.sol";
import {SlashAuthorityLib} from "../staking/libraries/SlashAuthorityLib.sol";
import {VotesLib} from "../staking/libraries/VotesLib.sol";
import {ROUND_SIGNALLING_STORAGE_SLOT} from "../governance/RoundSignalling.sol";

/// @notice Test-only: exposes every ERC-7201 `STORAGE_SLOT` constant in `contracts/` so one test
///         (`test/core/Erc7201Namespaces.t.sol`) recomputes each from its namespace.
contract StorageSlotsHarness {
  function chainState() external pure returns (bytes32) {
    return ChainStateLib.STORAGE_SLOT;
  }

  function validatorSelection() external pure returns (bytes32) {
    return ValidatorSelectionLib.STORAGE_SLOT;
  }

  function prune() external pure returns (bytes32) {
    return PruneLib.STORAGE_SLOT;
  }

  function rewards() external pure returns (bytes32) {
    return RewardLib.STORAGE_SLOT;
  }

  function validatorSets() external pure returns (bytes32) {
    return ValidatorSetsLib.STORAGE_SLOT;
  }

  function slashAuthority() external pure returns (bytes32) {
    return SlashAuthorityLib.STORAGE_SLOT;
  }

  function votes() external pure returns (bytes32) {
    return VotesLib.STORAGE_SLOT;
  }

  function roundSignalling() external pure returns (bytes32) {
    return ROUND_SIGNALLING_STORAGE_SLOT;
  }
}
