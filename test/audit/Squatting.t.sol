// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingEscrowBase} from "../staking/StakingEscrowBase.sol";
import {IStakingEscrow, Status, DepositArgs} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";

/// @notice Audit F-4 (attester squatting), adapted from shared/audit: staking an attester needs its consent, an
///         EIP-712 signature by the attester key over withdrawer, rollup and chain (the escrow's domain), so nobody
///         can take an attester address with a withdrawer of their own or block a bulk onboarding by front-running.
contract SquattingTest is StakingEscrowBase {
  address internal mallory = _keyedAddr("mallory");
  address internal victim;

  function setUp() public override {
    super.setUp();
    victim = _attester(7);
  }

  function _batch() internal returns (DepositArgs[] memory batch) {
    batch = new DepositArgs[](3);
    for (uint256 i = 0; i < 3; ++i) {
      address a = _attester(5 + i);
      batch[i] = DepositArgs(a, withdrawer, true, _consent(a, withdrawer, address(rollupA), true));
    }
  }

  /// The reproduction's exploit, now refused: Mallory cannot stake the victim (no consent, or her own signature),
  /// so the operator's batch with the victim's real consent goes through and the victim's withdrawer is its own.
  function test_audit_attesterSquattingBlocksBulkOnboarding_refused() public {
    _fund(mallory, 1);
    vm.prank(mallory);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__InvalidConsent.selector, victim, address(0)));
    rollupA.deposit(victim, mallory, true, "");
    (uint8 v, bytes32 r, bytes32 s) = vm.sign(
      attesterKeys[mallory],
      escrow.stakeConsentDigest(victim, mallory, address(rollupA), true)
    );
    bytes memory forged = abi.encodePacked(r, s, v); // the victim's consent, signed with Mallory's key
    vm.prank(mallory);
    vm.expectRevert(abi.encodeWithSelector(IStakingEscrow.StakingEscrow__InvalidConsent.selector, victim, mallory));
    rollupA.deposit(victim, mallory, true, forged);
    assertEq(uint8(_status(victim)), uint8(Status.NONE), "the victim is not staked");

    DepositArgs[] memory batch = _batch();
    _fund(payer, 3);
    vm.prank(payer);
    escrow.addValidators(batch);
    assertEq(escrow.getValidator(victim).withdrawer, withdrawer, "the victim's own withdrawer");
    _assertSolvent();
  }

  function test_property_stakingNeedsTheAttestersConsent() public {
    // A consent is bound to its withdrawer, its rollup and its follow flag: any change makes it invalid.
    bytes memory consent = _consent(victim, withdrawer, address(rollupA), true);
    _fund(payer, 1);
    vm.startPrank(payer);
    vm.expectRevert();
    rollupA.deposit(victim, mallory, true, consent);
    vm.expectRevert();
    rollupA.deposit(victim, withdrawer, false, consent);
    vm.stopPrank();
    vm.warp(block.timestamp + 1);
    StakingTestRollup rollupB = _newRollup();
    vm.prank(payer);
    vm.expectRevert();
    rollupB.deposit(victim, withdrawer, true, consent);
    assertEq(uint8(_status(victim)), uint8(Status.NONE));
    // With the exact terms it signed, anyone may pay for it.
    vm.prank(payer);
    rollupA.deposit(victim, withdrawer, true, consent);
    assertEq(uint8(_status(victim)), uint8(Status.VALIDATING));
  }

  /// A consent signed on another escrow (another domain: address or chain) does not carry over.
  function test_consentDoesNotReplayAcrossEscrows() public {
    OtherEscrowFixture other = new OtherEscrowFixture();
    bytes32 here = escrow.stakeConsentDigest(victim, withdrawer, address(rollupA), true);
    assertNotEq(here, other.digestFor(victim, withdrawer, address(rollupA)), "domain binds the escrow");
    vm.chainId(block.chainid + 1);
    assertNotEq(escrow.stakeConsentDigest(victim, withdrawer, address(rollupA), true), here, "domain binds the chain");
  }

  /// An attester paying for itself consents by sending: no signature needed.
  function test_selfDepositNeedsNoSignature() public {
    _fund(victim, 1);
    vm.prank(victim);
    rollupA.deposit(victim, withdrawer, true, "");
    assertEq(uint8(_status(victim)), uint8(Status.VALIDATING));
  }

  function test_addValidatorsRefusesAnEntryWithoutConsent() public {
    DepositArgs[] memory batch = _batch();
    batch[1].signature = "";
    _fund(payer, 3);
    vm.prank(payer);
    vm.expectRevert(
      abi.encodeWithSelector(IStakingEscrow.StakingEscrow__InvalidConsent.selector, batch[1].attester, address(0))
    );
    escrow.addValidators(batch);
    assertEq(_sizeNow(address(rollupA)), 0, "nothing staked");
    assertEq(token.balanceOf(payer), 3 * MIN_STAKE);
  }
}

/// @dev A second escrow, to compare its consent domain with the first's.
contract OtherEscrowFixture is StakingEscrowBase {
  constructor() {
    setUp();
  }

  function digestFor(address attester, address withdrawer_, address rollup) external view returns (bytes32) {
    return escrow.stakeConsentDigest(attester, withdrawer_, rollup, true);
  }
}
