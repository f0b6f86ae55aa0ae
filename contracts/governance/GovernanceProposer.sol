// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IGovernanceProposer} from "./interfaces/IGovernanceProposer.sol";
import {IGovernance} from "./interfaces/IGovernance.sol";
import {IPayload} from "./interfaces/IPayload.sol";
import {IRegistry} from "./interfaces/IRegistry.sol";
import {RoundSignalling} from "./RoundSignalling.sol";

/// @title GovernanceProposer
/// @notice Sequencers signal payloads; a payload signalled in at least N of a round's M slots becomes a proposal.
/// @dev The rounds are `RoundSignalling`'s with no execution delay: a winner can be submitted as soon as its round
///      has ended. Rounds need not be epoch-aligned here (the deployed 100-slot rounds are not).
contract GovernanceProposer is IGovernanceProposer, RoundSignalling {
  /// @dev keccak256("Signal(address payload,address rollup,uint256 slot)")
  bytes32 public constant SIGNAL_TYPEHASH = keccak256("Signal(address payload,address rollup,uint256 slot)");

  /// @inheritdoc IGovernanceProposer
  IGovernance public immutable GOVERNANCE;

  /// @param registry The Registry whose canonical rollup's proposers signal.
  /// @param governance The Governance that receives round winners.
  /// @param quorumSize N: signals a payload needs in a round; more than half of `roundSize`.
  /// @param roundSize M: slots per round.
  /// @param lifetimeInRounds Rounds after a round's end during which its winner can be submitted (at least 1).
  constructor(
    IRegistry registry,
    IGovernance governance,
    uint256 quorumSize,
    uint256 roundSize,
    uint256 lifetimeInRounds
  )
    RoundSignalling(
      "GovernanceProposer",
      SIGNAL_TYPEHASH,
      SignalCast.selector,
      RoundConfig(registry, address(governance), quorumSize, roundSize, lifetimeInRounds, 0),
      RoundErrors({
        zeroAddress: GovernanceProposer__ZeroAddress.selector,
        onlyProposer: GovernanceProposer__OnlyProposer.selector,
        wrongSlot: GovernanceProposer__WrongSlot.selector,
        alreadySignalled: GovernanceProposer__AlreadySignalled.selector,
        zeroPayload: GovernanceProposer__ZeroPayload.selector,
        payloadNotAContract: GovernanceProposer__PayloadNotAContract.selector,
        roundExpired: GovernanceProposer__RoundExpired.selector,
        alreadyClosed: GovernanceProposer__AlreadySubmitted.selector,
        quorumNotReached: GovernanceProposer__QuorumNotReached.selector
      })
    )
  {
    GOVERNANCE = governance;
  }

  /// @inheritdoc IGovernanceProposer
  function signal(IPayload payload) external override returns (uint256) {
    return _signalAsSender(address(payload));
  }

  /// @inheritdoc IGovernanceProposer
  function signalWithSig(IPayload payload, uint256 slot, bytes calldata signature) external override returns (uint256) {
    return _signalWithSig(address(payload), slot, signature);
  }

  /// @inheritdoc IGovernanceProposer
  function submitRoundWinner(uint256 round) external override returns (uint256 proposalId) {
    (address rollup, address winner) = _closeRound(round);
    proposalId = GOVERNANCE.proposePayload(IPayload(winner), _description(rollup, round, winner));
    emit RoundWinnerSubmitted(rollup, round, IPayload(winner), proposalId);
  }

  /// @inheritdoc IGovernanceProposer
  function signalDigest(IPayload payload, address rollup, uint256 slot) external view override returns (bytes32) {
    return _signalDigest(address(payload), rollup, slot);
  }

  /// @inheritdoc IGovernanceProposer
  function getRound(address rollup, uint256 round) external view override returns (RoundView memory v) {
    address leader;
    (leader, v.leaderSignals, v.submitted, v.hasSignals, v.lastSignalSlot) = _roundView(rollup, round);
    v.leader = IPayload(leader);
  }

  /// @inheritdoc IGovernanceProposer
  function signalCount(address rollup, uint256 round, IPayload payload) external view override returns (uint256) {
    return _signalCount(rollup, round, address(payload));
  }

  function _revertInvalidConfig(RoundConfig memory c) internal pure override {
    revert GovernanceProposer__InvalidConfig(c.quorumSize, c.roundSize, c.lifetimeInRounds);
  }

  function _revertRoundNotReady(uint256 round, uint256, uint256 currentRound) internal pure override {
    revert GovernanceProposer__RoundNotOver(round, currentRound);
  }

  function _description(address rollup, uint256 round, address payload) private pure returns (string memory) {
    return
      string.concat(
        "Payload ",
        Strings.toHexString(payload),
        " won signalling round ",
        Strings.toString(round),
        " of rollup ",
        Strings.toHexString(rollup)
      );
  }
}
