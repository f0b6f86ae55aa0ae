// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
// solhint-disable-next-line max-line-length
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IPayload} from "../interfaces/IPayload.sol";

/// @title GovernanceParametersPayload
/// @notice A parameter change: sets Governance's voting delay, voting period and quorum numerator.
/// @dev The calls target Governance itself; OpenZeppelin's `onlyGovernance` accepts them only when the timelock
///      makes them while executing this proposal.
contract GovernanceParametersPayload is IPayload {
  /// @notice The Governance whose parameters change.
  address public immutable GOVERNANCE;
  /// @notice The new voting delay (seconds).
  uint48 public immutable VOTING_DELAY;
  /// @notice The new voting period (seconds).
  uint32 public immutable VOTING_PERIOD;
  /// @notice The new quorum numerator (percent of voting units).
  uint256 public immutable QUORUM_NUMERATOR;

  /// @custom:reverts Payload__ZeroAddress when `governance` is the zero address.
  constructor(address governance, uint48 votingDelay, uint32 votingPeriod, uint256 quorumNumerator) {
    if (governance == address(0)) revert Payload__ZeroAddress(0);
    if (governance.code.length == 0) revert Payload__NotAContract(0, governance);
    GOVERNANCE = governance;
    VOTING_DELAY = votingDelay;
    VOTING_PERIOD = votingPeriod;
    QUORUM_NUMERATOR = quorumNumerator;
  }

  /// @inheritdoc IPayload
  function getActions() external view override returns (Action[] memory actions) {
    actions = new Action[](3);
    actions[0] = Action(GOVERNANCE, 0, abi.encodeCall(GovernorSettings.setVotingDelay, (VOTING_DELAY)));
    actions[1] = Action(GOVERNANCE, 0, abi.encodeCall(GovernorSettings.setVotingPeriod, (VOTING_PERIOD)));
    actions[2] = Action(
      GOVERNANCE,
      0,
      abi.encodeCall(GovernorVotesQuorumFraction.updateQuorumNumerator, (QUORUM_NUMERATOR))
    );
  }
}
