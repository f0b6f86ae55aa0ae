// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingEscrowBase} from "./StakingEscrowBase.sol";
import {Status} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {StakingTestRollup} from "../../contracts/mocks/StakingTestRollup.sol";
import {VotesReference} from "../../contracts/mocks/VotesReference.sol";

/// @notice Differential test of the escrow's own ERC-5805 checkpoints (VotesLib) against OpenZeppelin `Votes`
///         (`VotesReference`): a random sequence of deposits (pinned and following), delegations, slashes,
///         exits, finalizations, migrations and time steps (several operations often share a timestamp) is applied
///         to both, and after every step `getVotes`, `delegates`, `getPastVotes` and `getPastTotalSupply` agree
///         for every account at every timestamp the sequence went through.
contract StakingEscrowVotesDifferentialTest is StakingEscrowBase {
  uint256 internal constant ATTESTERS = 5;
  uint256 internal constant OUTSIDERS = 2;

  VotesReference internal ref;
  StakingTestRollup internal rollupB;
  address[] internal attesters;
  /// attesters, then accounts that only receive delegations
  address[] internal accounts;
  /// every timestamp a step ran at (distinct, increasing)
  uint256[] internal timestamps;
  /// steps that changed something (a sequence that only skips proves nothing)
  uint256 internal applied;

  function setUp() public override {
    super.setUp();
    ref = new VotesReference();
    rollupB = _newRollup(); // followers now serve B; A still takes pinned deposits and migrations
    for (uint256 i = 0; i < ATTESTERS; ++i) {
      attesters.push(_attester(i));
      accounts.push(attesters[i]);
    }
    for (uint256 i = 0; i < OUTSIDERS; ++i) accounts.push(makeAddr(string(abi.encode("outsider", i))));
    timestamps.push(block.timestamp);
  }

  function test_fuzz_votes_matchOzVotesAtEveryStep(uint256[40] calldata ops) public {
    for (uint256 step = 0; step < ops.length; ++step) {
      _apply(ops[step]);
      _assertSame(step);
    }
    assertGt(applied, 0, "the sequence changed nothing");
  }

  /// @dev A fixed sequence that goes through every path at least once (same-block changes included).
  function test_votes_matchOzVotesOnAFixedSequence() public {
    address a = attesters[0];
    address b = attesters[1];
    _depositBoth(0, true);
    _depositBoth(1, false);
    _assertSame(0);
    _warp(10);
    _delegateBoth(0, accounts[ATTESTERS]); // to an outsider
    _slashBoth(0, 10e18); // a delegated-away attester
    _assertSame(1);
    _warp(1);
    _delegateBoth(1, a); // to another attester
    _slashBoth(1, 50e18); // ejected: ZOMBIE, still votes
    _delegateBoth(0, a); // back to itself, same block
    _assertSame(2);
    _warp(5);
    _exitBoth(0);
    _exitBoth(1);
    _assertSame(3);
    _warp(EXIT_DELAY);
    _finalizeBoth(0);
    _finalizeBoth(1);
    _depositBoth(0, false); // staked again: a fresh stake, self-delegated
    _assertSame(4);
    _warp(1);
    _assertSame(5);
    assertEq(escrow.getVotes(a), MIN_STAKE);
    assertEq(escrow.getVotes(b), 0);
    assertEq(escrow.delegates(b), b);
  }

  /// @dev The implicit first slash (no vote checkpoint written) and every way its history is written out later.
  function test_votes_matchOzVotesAroundTheImplicitSlash() public {
    _depositBoth(0, true);
    _depositBoth(1, false);
    _depositBoth(2, true);
    _warp(3);
    _slashBoth(0, 10e18); // implicit: the first slash of a fresh self-delegated stake
    _slashBoth(1, 10e18);
    _slashBoth(1, 5e18); // a second slash in the same block: written out
    _assertSame(0);
    _warp(4);
    _slashBoth(0, 45e18); // a second slash later (ejects: ZOMBIE): the implicit one is written out first
    _delegateBoth(1, attesters[2]); // a delegation after an implicit slash
    _slashBoth(2, 1e18);
    _assertSame(1);
    _warp(2);
    _exitBoth(2); // an exit after an implicit slash writes it out
    _slashBoth(2, 1e18); // exiting: no votes move
    _assertSame(2);
    _warp(EXIT_DELAY);
    _finalizeBoth(2);
    _depositBoth(2, false); // staked again: nothing of the old slash is implicit any more
    _assertSame(3);
    _warp(1);
    _slashBoth(2, 7e18);
    _assertSame(4);
    _warp(1);
    _assertSame(5);
  }

  // ---------------------------------------------------------------- one step

  function _apply(uint256 op) internal {
    uint256 i = (op >> 8) % ATTESTERS;
    address a = attesters[i];
    Status status = escrow.getValidator(a).status;
    uint256 kind = op % 8;
    if (kind == 0 || kind == 1) {
      if (status != Status.NONE) return;
      _depositBoth(i, (op >> 16) % 2 == 0);
    } else if (kind == 2) {
      if (status == Status.NONE) return;
      _delegateBoth(i, accounts[(op >> 16) % accounts.length]);
    } else if (kind == 3) {
      if (status == Status.NONE) return;
      _slashBoth(i, bound(op >> 16, 1, MIN_STAKE));
    } else if (kind == 4) {
      if (status != Status.VALIDATING && status != Status.ZOMBIE) return;
      _exitBoth(i);
    } else if (kind == 5) {
      if (status != Status.EXITING || block.timestamp < escrow.getExit(a).exitableAt) return;
      _finalizeBoth(i);
    } else if (kind == 6) {
      if (status != Status.VALIDATING) return;
      vm.prank(withdrawer);
      try escrow.migrate(a, (op >> 16) % 2 == 0 ? address(rollupA) : address(rollupB)) {
        ++applied; // votes unchanged: the reference does nothing
      } catch {}
    } else {
      // time: mostly a few seconds (several steps per block happen when kind != 7), sometimes past the exit delay
      _warp((op >> 16) % 4 == 0 ? EXIT_DELAY + ((op >> 24) % 1 days) : 1 + ((op >> 24) % 100));
    }
  }

  function _depositBoth(uint256 i, bool followCanonical) internal {
    _deposit(followCanonical ? rollupB : rollupA, attesters[i], followCanonical);
    ref.mint(attesters[i], MIN_STAKE);
    ++applied;
  }

  function _delegateBoth(uint256 i, address delegatee) internal {
    vm.prank(withdrawer);
    escrow.delegateFor(attesters[i], delegatee);
    ref.delegateFor(attesters[i], delegatee);
    ++applied;
  }

  function _slashBoth(uint256 i, uint256 amount) internal {
    address a = attesters[i];
    Status status = escrow.getValidator(a).status;
    uint256 stake = escrow.getValidator(a).stake;
    vm.prank(slasher);
    escrow.slash(a, amount);
    uint256 taken = amount < stake ? amount : stake;
    if (status != Status.EXITING && taken != 0) ref.burn(a, taken);
    ++applied;
  }

  function _exitBoth(uint256 i) internal {
    address a = attesters[i];
    uint256 stake = escrow.getValidator(a).stake;
    vm.prank(withdrawer);
    escrow.initiateWithdraw(a, recipient);
    if (stake != 0) ref.burn(a, stake);
    ++applied;
  }

  function _finalizeBoth(uint256 i) internal {
    escrow.finalizeWithdraw(attesters[i]);
    ref.delegateFor(attesters[i], attesters[i]); // a paid-out stake's delegate is reset (no units move)
    ++applied;
  }

  function _warp(uint256 seconds_) internal {
    vm.warp(block.timestamp + seconds_);
    timestamps.push(block.timestamp);
  }

  // ---------------------------------------------------------------- the comparison

  function _assertSame(uint256 step) internal view {
    string memory at = string(abi.encodePacked("step ", vm.toString(step)));
    for (uint256 k = 0; k < accounts.length; ++k) {
      address account = accounts[k];
      assertEq(escrow.getVotes(account), ref.getVotes(account), string.concat(at, ": getVotes"));
      assertEq(escrow.delegates(account), ref.delegates(account), string.concat(at, ": delegates"));
      for (uint256 j = 0; j < timestamps.length; ++j) {
        uint256 t = timestamps[j];
        if (t >= block.timestamp) continue;
        assertEq(escrow.getPastVotes(account, t), ref.getPastVotes(account, t), string.concat(at, ": getPastVotes"));
        // just before each step's timestamp: the state the previous block left
        assertEq(escrow.getPastVotes(account, t - 1), ref.getPastVotes(account, t - 1), string.concat(at, ": t-1"));
      }
    }
    for (uint256 j = 0; j < timestamps.length; ++j) {
      uint256 t = timestamps[j];
      if (t >= block.timestamp) continue;
      assertEq(escrow.getPastTotalSupply(t), ref.getPastTotalSupply(t), string.concat(at, ": getPastTotalSupply"));
    }
    assertEq(token.balanceOf(address(escrow)), escrow.totalStaked(), string.concat(at, ": balance == totalStaked"));
  }
}
