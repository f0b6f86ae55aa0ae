// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {IPayload} from "../../contracts/governance/interfaces/IPayload.sol";
import {IRegistry} from "../../contracts/governance/interfaces/IRegistry.sol";
import {IStakingEscrow} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {HardForkPayload} from "../../contracts/governance/payloads/HardForkPayload.sol";
import {GovernanceParametersPayload} from "../../contracts/governance/payloads/GovernanceParametersPayload.sol";
import {GovernanceRegistryStub} from "../../contracts/mocks/GovernanceRegistryStub.sol";
import {GovernanceEscrowStub} from "../../contracts/mocks/GovernanceEscrowStub.sol";
import {GovernanceRollupStub} from "../../contracts/mocks/GovernanceRollupStub.sol";

contract PayloadsTest is Test {
  IRegistry internal registry;
  IStakingEscrow internal escrow;
  address internal newRollup;
  address internal governance;

  function setUp() public {
    registry = IRegistry(address(new GovernanceRegistryStub(address(this), makeAddr("v1"))));
    escrow = IStakingEscrow(address(new GovernanceEscrowStub(address(this))));
    GovernanceRollupStub rollup = new GovernanceRollupStub();
    rollup.setEscrow(address(escrow));
    newRollup = address(rollup);
    governance = address(new GovernanceRollupStub()); // any contract: the payload only names it as a target
  }

  function test_getActions_hardForkAddsToTheRegistryThenTheEscrow() public {
    IPayload.Action[] memory actions = new HardForkPayload(registry, escrow, newRollup).getActions();
    assertEq(actions.length, 2);
    assertEq(actions[0].target, address(registry));
    assertEq(actions[0].data, abi.encodeCall(IRegistry.addRollup, (newRollup)));
    assertEq(actions[1].target, address(escrow));
    assertEq(actions[1].data, abi.encodeCall(IStakingEscrow.addRollup, (newRollup)));
    assertEq(actions[0].value + actions[1].value, 0);
  }

  function test_constructor_hardForkRefusesZeroAddresses() public {
    vm.expectRevert(abi.encodeWithSelector(IPayload.Payload__ZeroAddress.selector, 0));
    new HardForkPayload(IRegistry(address(0)), escrow, newRollup);
    vm.expectRevert(abi.encodeWithSelector(IPayload.Payload__ZeroAddress.selector, 1));
    new HardForkPayload(registry, IStakingEscrow(address(0)), newRollup);
    vm.expectRevert(abi.encodeWithSelector(IPayload.Payload__ZeroAddress.selector, 2));
    new HardForkPayload(registry, escrow, address(0));
  }

  /// Audit F-6 / issue 16: a hard fork to an account, or to a Rollup on another escrow, could never work.
  function test_constructor_hardForkRefusesAccountsAndAnotherEscrow() public {
    address account = makeAddr("account");
    vm.expectRevert(abi.encodeWithSelector(IPayload.Payload__NotAContract.selector, 0, account));
    new HardForkPayload(IRegistry(account), escrow, newRollup);
    vm.expectRevert(abi.encodeWithSelector(IPayload.Payload__NotAContract.selector, 1, account));
    new HardForkPayload(registry, IStakingEscrow(account), newRollup);
    vm.expectRevert(abi.encodeWithSelector(IPayload.Payload__NotAContract.selector, 2, account));
    new HardForkPayload(registry, escrow, account);
    GovernanceRollupStub elsewhere = new GovernanceRollupStub();
    address otherEscrow = address(new GovernanceEscrowStub(address(this)));
    elsewhere.setEscrow(otherEscrow);
    vm.expectRevert(abi.encodeWithSelector(IPayload.Payload__EscrowMismatch.selector, address(escrow), otherEscrow));
    new HardForkPayload(registry, escrow, address(elsewhere));
  }

  function test_constructor_parameterChangeRefusesAnAccount() public {
    address account = makeAddr("account");
    vm.expectRevert(abi.encodeWithSelector(IPayload.Payload__NotAContract.selector, 0, account));
    new GovernanceParametersPayload(account, 1, 1, 1);
  }

  function test_getActions_parameterChangeTargetsGovernance() public {
    IPayload.Action[] memory actions = new GovernanceParametersPayload(governance, 5, 6, 7).getActions();
    assertEq(actions.length, 3);
    for (uint256 i = 0; i < 3; ++i) assertEq(actions[i].target, governance);
    assertEq(actions[0].data, abi.encodeCall(GovernorSettings.setVotingDelay, (5)));
    assertEq(actions[1].data, abi.encodeCall(GovernorSettings.setVotingPeriod, (6)));
  }

  function test_constructor_parameterChangeRefusesZeroGovernance() public {
    vm.expectRevert(abi.encodeWithSelector(IPayload.Payload__ZeroAddress.selector, 0));
    new GovernanceParametersPayload(address(0), 1, 1, 1);
  }

  function test_fuzz_getActions_isAPureFunctionOfImmutables(uint8 calls) public {
    HardForkPayload payload = new HardForkPayload(registry, escrow, newRollup);
    bytes32 first = keccak256(abi.encode(payload.getActions()));
    for (uint256 i = 0; i < bound(calls, 1, 8); ++i) assertEq(keccak256(abi.encode(payload.getActions())), first);
    assertEq(payload.NEW_ROLLUP(), newRollup);
  }
}
