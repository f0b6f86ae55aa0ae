// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ProofRollupHarness} from "../../contracts/mocks/ProofRollupHarness.sol";
import {TestVerifier} from "../../contracts/mocks/TestVerifier.sol";
import {TestStakingAsset} from "../../contracts/staking/TestStakingAsset.sol";
import {RewardPool} from "../../contracts/core/rewards/RewardPool.sol";
import {IInbox} from "../../contracts/core/interfaces/IInbox.sol";
import {EpochProofPublicInputs} from "../../contracts/core/interfaces/IEpochProof.sol";
import {IVerifier} from "../../contracts/verifier/interfaces/IVerifier.sol";
import {IRewardPool} from "../../contracts/core/rewards/interfaces/IRewardPool.sol";
import {Slot, Epoch, TimeConfig} from "../../contracts/core/libraries/TimeLib.sol";
import {ProofConfig} from "../../contracts/core/interfaces/IEpochProof.sol";

/// @dev Drives proposals (blob-less: Solidity tests cannot attach blobs), proofs with the valid opening of the
///      zero polynomial (commitment and proof at infinity, y = 0), prunes and time.
contract ChainTipsHandler is Test {
  uint256 internal constant SLOT = 36;
  uint256 internal constant EPOCH = 4;
  /// @dev A compressed G1 point at infinity: the commitment (and proof) of the zero polynomial.
  bytes internal constant INFINITY =
    hex"c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

  ProofRollupHarness public immutable rollup;
  uint256 public immutable genesis;
  mapping(uint256 blockNumber => bytes32 archive) public provenArchive;
  uint256 public proofs;
  uint256 public prunes;
  uint256 internal nonce;

  constructor(ProofRollupHarness rollup_, uint256 genesis_) {
    rollup = rollup_;
    genesis = genesis_;
  }

  function propose(uint8 skipSlots) external {
    uint256 pending = rollup.pendingTip();
    uint256 nextSlot = pending == 0 ? 0 : Slot.unwrap(rollup.getBlockSlot(pending)) + 1;
    uint256 nowSlot = (block.timestamp - genesis) / SLOT;
    if (nowSlot > nextSlot) nextSlot = nowSlot;
    vm.warp(genesis + (nextSlot + (skipSlots % 8)) * SLOT);
    rollup.propose(keccak256(abi.encode("archive", ++nonce)), 0, 0, address(this), "");
  }

  function prove(uint16 delay) external {
    uint256 proven = rollup.provenTip();
    uint256 pending = rollup.pendingTip();
    if (pending == proven) return;
    uint256 epoch = Slot.unwrap(rollup.getBlockSlot(proven + 1)) / EPOCH;
    uint256 end = proven + 1;
    while (end < pending && Slot.unwrap(rollup.getBlockSlot(end + 1)) / EPOCH == epoch) ++end;
    uint256 epochEnd = genesis + (epoch + 1) * EPOCH * SLOT;
    uint256 deadline = rollup.proofDeadline(Epoch.wrap(epoch));
    if (block.timestamp >= deadline) return;
    uint256 at = epochEnd + (delay % (deadline - epochEnd));
    if (at > block.timestamp) vm.warp(at);
    EpochProofPublicInputs memory pi = EpochProofPublicInputs(
      rollup.getArchive(proven),
      rollup.getArchive(end),
      rollup.getEpochAccumulator(Epoch.wrap(epoch)),
      address(this)
    );
    rollup.submitEpochRootProof(proven + 1, end, pi, abi.encodePacked(INFINITY, bytes32(0), INFINITY), "");
    for (uint256 n = proven + 1; n <= end; ++n) provenArchive[n] = rollup.getArchive(n);
    ++proofs;
  }

  function prune() external {
    uint256 proven = rollup.provenTip();
    if (rollup.pendingTip() == proven) return;
    uint256 deadline = rollup.proofDeadline(Epoch.wrap(Slot.unwrap(rollup.getBlockSlot(proven + 1)) / EPOCH));
    if (block.timestamp < deadline) vm.warp(deadline);
    rollup.prune();
    ++prunes;
  }

  function warp(uint16 secs) external {
    vm.warp(block.timestamp + secs);
  }
}

contract ChainTipsInvariantTest is Test {
  ProofRollupHarness internal rollup;
  ChainTipsHandler internal handler;

  function setUp() public {
    vm.warp(1_700_000_000);
    TestVerifier verifier = new TestVerifier(address(this));
    TestStakingAsset asset = new TestStakingAsset("Reward", "RWD", address(this), 1, 1);
    RewardPool pool = new RewardPool(IERC20(address(asset)), address(this));
    rollup = new ProofRollupHarness(
      TimeConfig(uint64(block.timestamp), 36, 4),
      ProofConfig(IVerifier(address(verifier)), 1, IRewardPool(address(pool)), 1, 1),
      IInbox(address(0)),
      keccak256("genesis")
    );
    handler = new ChainTipsHandler(rollup, block.timestamp);
    targetContract(address(handler));
  }

  function invariant_provenTipAtMostPendingTip() public view {
    assertLe(rollup.provenTip(), rollup.pendingTip());
  }

  function invariant_provenBlocksNeverChange() public view {
    uint256 proven = rollup.provenTip();
    for (uint256 n = 1; n <= proven; ++n) assertEq(rollup.getArchive(n), handler.provenArchive(n));
  }

  /// @dev Shows the handler reaches proofs at all (a proof with the zero-polynomial opening is accepted).
  function test_handler_provesAnEpoch() public {
    handler.propose(0);
    handler.propose(0);
    handler.prove(0);
    assertEq(rollup.provenTip(), 2);
    assertEq(handler.proofs(), 1);
  }

  function test_handler_prunesAndReproposesOnTheProvenTip() public {
    handler.propose(0);
    handler.prove(0);
    handler.propose(0);
    handler.prune();
    assertEq(rollup.pendingTip(), 1);
    assertEq(handler.prunes(), 1);
    handler.propose(0);
    assertEq(rollup.pendingTip(), 2);
  }
}
