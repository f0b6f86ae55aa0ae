// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {IEpochProof} from "../interfaces/IEpochProof.sol";
import {IRewardPool} from "../rewards/interfaces/IRewardPool.sol";
import {ChainStateLib} from "./ChainStateLib.sol";

/// @title RewardLib
/// @notice Rewards as pull payments. A proof credits its prover (one storage write, whatever the number of
///         sequencers); a sequencer claims `blockReward` per proven block whose stored coinbase it is, once per
///         block. Pruned blocks earn nothing: a block is claimable only at or below the proven tip, and proven
///         blocks never change. Reads the proven tip and coinbases from ChainStateLib.
library RewardLib {
  using BitMaps for BitMaps.BitMap;

  /// @custom:storage-location erc7201:sp-testnet.rollup.rewards
  struct RewardState {
    mapping(address prover => uint256 amount) proverCredits;
    BitMaps.BitMap claimedBlocks;
  }

  /// @dev keccak256(abi.encode(uint256(keccak256("sp-testnet.rollup.rewards")) - 1)) & ~bytes32(uint256(0xff))
  bytes32 internal constant STORAGE_SLOT = 0x7bc5447126c18380976cc11d083befaaba1437bf49db2f40251ae0f86b059500;

  function store() internal pure returns (RewardState storage s) {
    bytes32 slot = STORAGE_SLOT;
    assembly ("memory-safe") {
      s.slot := slot
    }
  }

  /// @notice Credits `amount` to `prover` (called by an accepted epoch proof).
  function creditProver(address prover, uint256 amount) internal {
    if (amount != 0) store().proverCredits[prover] += amount;
  }

  /// @notice Pays the caller its prover credit and `blockReward` per listed proven block it is the coinbase of.
  /// @param pool The reward pool.
  /// @param blockReward The reward per proven block.
  /// @param blockNumbers The blocks claimed.
  /// @return amount The amount paid.
  function claim(
    IRewardPool pool,
    uint256 blockReward,
    uint256[] calldata blockNumbers
  ) internal returns (uint256 amount) {
    RewardState storage s = store();
    uint256 provenTip = ChainStateLib.provenBlockNumber();
    amount = s.proverCredits[msg.sender];
    s.proverCredits[msg.sender] = 0;
    for (uint256 i = 0; i < blockNumbers.length; ++i) {
      uint256 blockNumber = blockNumbers[i];
      if (blockNumber > provenTip) revert IEpochProof.Reward__BlockNotProven(provenTip, blockNumber);
      address coinbase = ChainStateLib.blockAt(blockNumber).coinbase;
      if (coinbase != msg.sender) revert IEpochProof.Reward__NotCoinbase(blockNumber, coinbase, msg.sender);
      if (s.claimedBlocks.get(blockNumber)) revert IEpochProof.Reward__AlreadyClaimed(blockNumber);
      s.claimedBlocks.set(blockNumber);
      amount += blockReward;
    }
    if (amount == 0) revert IEpochProof.Reward__NothingToClaim(msg.sender);
    pool.pay(msg.sender, amount);
    emit IEpochProof.RewardsClaimed(msg.sender, amount);
  }

  /// @notice The prover credit of `prover`.
  function proverCredit(address prover) internal view returns (uint256) {
    return store().proverCredits[prover];
  }

  /// @notice Whether block `blockNumber`'s sequencer reward was claimed.
  function isClaimed(uint256 blockNumber) internal view returns (bool) {
    return store().claimedBlocks.get(blockNumber);
  }
}
