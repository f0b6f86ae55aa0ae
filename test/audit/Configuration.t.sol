// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RollupTestBase} from "../core/RollupTestBase.sol";
import {Rollup} from "../../contracts/core/Rollup.sol";
import {Outbox} from "../../contracts/core/messagebridge/Outbox.sol";
import {IRollup, RollupConfig} from "../../contracts/core/interfaces/IRollup.sol";
import {IOutbox, IOutboxRollup} from "../../contracts/core/messagebridge/interfaces/IOutbox.sol";
import {GovernanceProposer} from "../../contracts/governance/GovernanceProposer.sol";
import {IGovernanceProposer} from "../../contracts/governance/interfaces/IGovernanceProposer.sol";
import {IGovernance} from "../../contracts/governance/interfaces/IGovernance.sol";
import {IRegistry} from "../../contracts/governance/interfaces/IRegistry.sol";

/// @notice Audit F-6: configuration values that cannot work are refused at construction.
contract ConfigurationTest is RollupTestBase {
  /// A zero-epoch proof window makes every epoch unprovable (its deadline is its own end).
  function test_rollupRefusesZeroProofSubmissionEpochs() public {
    RollupConfig memory config = rollup.getConfig();
    config.proofs.proofSubmissionEpochs = 0;
    vm.expectRevert(abi.encodeWithSelector(IRollup.Rollup__InvalidProofSubmissionEpochs.selector, 0));
    new Rollup(config);
    config.proofs.proofSubmissionEpochs = 1;
    assertEq(new Rollup(config).getConfig().proofs.proofSubmissionEpochs, 1, "one epoch works");
  }

  function test_outboxRefusesZeroRollup() public {
    vm.expectRevert(IOutbox.Outbox__ZeroAddress.selector);
    new Outbox(IOutboxRollup(address(0)));
  }

  function test_governanceProposerRefusesZeroRegistryOrGovernance() public {
    IRegistry registry = IRegistry(makeAddr("registry"));
    IGovernance governance = IGovernance(makeAddr("governance"));
    vm.expectRevert(IGovernanceProposer.GovernanceProposer__ZeroAddress.selector);
    new GovernanceProposer(IRegistry(address(0)), governance, 3, 4, 1);
    vm.expectRevert(IGovernanceProposer.GovernanceProposer__ZeroAddress.selector);
    new GovernanceProposer(registry, IGovernance(address(0)), 3, 4, 1);
  }
}
