// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {IPayload} from "../../contracts/governance/interfaces/IPayload.sol";
import {IRegistry} from "../../contracts/governance/interfaces/IRegistry.sol";
import {IStakingEscrow} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {HardForkPayload} from "../../contracts/governance/payloads/HardForkPayload.sol";
import {GovernanceParametersPayload} from "../../contracts/governance/payloads/GovernanceParametersPayload.sol";

contract PayloadsTest is Test {
  IRegistry internal registry = IRegistry(makeAddr("registry"));
  IStakingEscrow internal escrow = IStakingEscrow(makeAddr("escrow"));
  address internal newRollup = makeAddr("newRollup");

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

  function test_getActions_parameterChangeTargetsGovernance() public {
    address governance = makeAddr("governance");
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

  function test_fuzz_getActions_isAPureFunctionOfImmutables(address r, address e, address n) public {
    vm.assume(r != address(0) && e != address(0) && n != address(0));
    HardForkPayload payload = new HardForkPayload(IRegistry(r), IStakingEscrow(e), n);
    assertEq(keccak256(abi.encode(payload.getActions())), keccak256(abi.encode(payload.getActions())));
    assertEq(payload.NEW_ROLLUP(), n);
  }
}
