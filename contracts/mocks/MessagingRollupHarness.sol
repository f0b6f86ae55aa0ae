// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOutboxRollup} from "../core/messagebridge/interfaces/IOutbox.sol";
import {IInbox} from "../core/messagebridge/interfaces/IInbox.sol";

/// @title MessagingRollupHarness
/// @notice Stands in for the Rollup's messaging surface in Inbox/Outbox unit tests: a settable proven tip
///         and per-block `outHash`, and a pass-through to `Inbox.consume`. Test only.
contract MessagingRollupHarness is IOutboxRollup {
  uint256 public provenTip;
  mapping(uint256 blockNumber => bytes32 outHash) public outHashes;

  function setProvenTip(uint256 tip) external {
    provenTip = tip;
  }

  function setOutHash(uint256 blockNumber, bytes32 outHash) external {
    outHashes[blockNumber] = outHash;
  }

  function consumeInbox(IInbox inbox, uint256 blockNumber) external returns (bytes32) {
    return inbox.consume(blockNumber);
  }

  function getProvenTip() external view returns (uint256) {
    return provenTip;
  }

  function getOutHash(uint256 blockNumber) external view returns (bytes32) {
    return outHashes[blockNumber];
  }
}
