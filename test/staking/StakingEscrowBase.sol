// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakeConsent} from "../helpers/StakeConsent.sol";
import {TestStakingAsset} from "../../contracts/staking/TestStakingAsset.sol";
import {StakingEscrow} from "../../contracts/staking/StakingEscrow.sol";
import {
  IStakingEscrow,
  Status,
  DepositArgs,
  ValidatorInfo
} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {Registry} from "../../contracts/governance/Registry.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";

/// @notice Shared set-up for StakingEscrow tests: token, Registry, escrow and one registered test rollup,
///         with small helpers to fund payers, add rollups and stake.
abstract contract StakingEscrowBase is StakeConsent {
  uint256 internal constant MIN_STAKE = 100e18;
  uint256 internal constant EJECTION = 60e18;
  uint256 internal constant EXIT_DELAY = 7 days;
  uint256 internal constant START = 1_700_000_000;

  address internal owner = makeAddr("owner");
  address internal slasher = makeAddr("slasher");
  address internal payer = makeAddr("payer");
  address internal withdrawer = makeAddr("withdrawer");
  address internal recipient = makeAddr("recipient");

  TestStakingAsset internal token;
  Registry internal registry;
  StakingEscrow internal escrow;
  StakingTestRollup internal rollupA;
  /// Keys of the attesters made here (`_keyedAddr`, `_attester`), to sign their stake consents.
  mapping(address attester => uint256 key) internal attesterKeys;

  function setUp() public virtual {
    vm.warp(START);
    token = new TestStakingAsset("Staking", "STK", owner, 1e18, 1 days);
    registry = new Registry(owner);
    escrow = new StakingEscrow(token, registry, owner, MIN_STAKE, EJECTION, EXIT_DELAY);
    rollupA = _newRollup();
  }

  /// @dev Deploys a test rollup, makes it canonical in the Registry and adds it to the escrow.
  function _newRollup() internal returns (StakingTestRollup rollup) {
    rollup = new StakingTestRollup(escrow, slasher);
    vm.startPrank(owner);
    registry.addRollup(address(rollup));
    escrow.addRollup(address(rollup));
    vm.stopPrank();
  }

  /// @dev Mints `count` stakes to `who` and approves the escrow for all of it.
  function _fund(address who, uint256 count) internal {
    vm.prank(owner);
    token.mint(who, count * MIN_STAKE);
    vm.prank(who);
    token.approve(address(escrow), count * MIN_STAKE);
  }

  function _deposit(StakingTestRollup rollup, address attester, bool followCanonical) internal {
    _fund(payer, 1);
    bytes memory consent = _consent(attester, withdrawer, address(rollup), followCanonical);
    vm.prank(payer);
    rollup.deposit(attester, withdrawer, followCanonical, consent);
  }

  /// @dev An attester address whose key the base knows (a labelled `makeAddrAndKey`).
  function _keyedAddr(string memory label) internal returns (address attester) {
    uint256 key;
    (attester, key) = makeAddrAndKey(label);
    attesterKeys[attester] = key;
  }

  /// @dev The i-th test attester (its key is remembered for its consent).
  function _attester(uint256 i) internal returns (address attester) {
    uint256 key = uint256(keccak256(abi.encode("attester", i)));
    attester = vm.addr(key);
    attesterKeys[attester] = key;
  }

  /// @dev `attester`'s stake consent for `withdrawer_` through `rollup` (it must come from `_keyedAddr`/`_attester`).
  function _consent(
    address attester,
    address withdrawer_,
    address rollup,
    bool followCanonical
  ) internal view returns (bytes memory) {
    uint256 key = attesterKeys[attester];
    assertTrue(key != 0, "test attester without a known key");
    return _signConsent(escrow, key, withdrawer_, rollup, followCanonical);
  }

  function _sizeNow(address rollup) internal view returns (uint256) {
    return escrow.getSetSize(rollup, block.timestamp);
  }

  /// @dev Whether `attester` is in `rollup`'s set now (test-only linear scan).
  function _inSet(address rollup, address attester) internal view returns (bool) {
    uint256 size = _sizeNow(rollup);
    for (uint256 i = 0; i < size; ++i) {
      if (escrow.getAttesterAtIndex(rollup, i, block.timestamp) == attester) return true;
    }
    return false;
  }

  function _status(address attester) internal view returns (Status) {
    return escrow.getValidator(attester).status;
  }

  function _assertSolvent() internal view {
    assertEq(token.balanceOf(address(escrow)), escrow.totalStaked(), "escrow balance == totalStaked");
  }
}
