// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {StorageSlotsHarness} from "../../contracts/mocks/StorageSlotsHarness.sol";

/// @notice Every ERC-7201 namespace in `contracts/` (each `@custom:storage-location erc7201:<id>` and its
///         `STORAGE_SLOT` constant): the constant is the formula of EIP-7201 applied to the namespace id, and no
///         two namespaces share a slot. A new namespace gets a line here.
contract Erc7201NamespacesTest is Test {
  StorageSlotsHarness internal slots;

  struct Namespace {
    string id;
    bytes32 slot;
  }

  function setUp() public {
    slots = new StorageSlotsHarness();
  }

  function _namespaces() internal view returns (Namespace[] memory all) {
    all = new Namespace[](8);
    all[0] = Namespace("sp-testnet.rollup.chainState", slots.chainState());
    all[1] = Namespace("sp-testnet.rollup.validatorSelection", slots.validatorSelection());
    all[2] = Namespace("sp-testnet.rollup.prune", slots.prune());
    all[3] = Namespace("sp-testnet.rollup.rewards", slots.rewards());
    all[4] = Namespace("sp-testnet.staking.validatorSets", slots.validatorSets());
    all[5] = Namespace("sp-testnet.staking.slashAuthority", slots.slashAuthority());
    all[6] = Namespace("sp-testnet.governance.roundSignalling", slots.roundSignalling());
    all[7] = Namespace("sp-testnet.staking.votes", slots.votes());
  }

  /// @dev keccak256(abi.encode(uint256(keccak256(id)) - 1)) & ~bytes32(uint256(0xff))
  function _erc7201(string memory id) internal pure returns (bytes32) {
    return keccak256(abi.encode(uint256(keccak256(bytes(id))) - 1)) & ~bytes32(uint256(0xff));
  }

  function test_storageSlots_matchErc7201Formula() public view {
    Namespace[] memory all = _namespaces();
    for (uint256 i = 0; i < all.length; ++i) assertEq(all[i].slot, _erc7201(all[i].id), all[i].id);
  }

  function test_storageSlots_areDistinct() public view {
    Namespace[] memory all = _namespaces();
    for (uint256 i = 0; i < all.length; ++i) {
      for (uint256 j = i + 1; j < all.length; ++j) assertNotEq(all[i].slot, all[j].slot, all[j].id);
    }
  }
}
