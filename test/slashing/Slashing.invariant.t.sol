// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SlashingBase} from "./SlashingBase.sol";
import {StakingEscrow} from "../../contracts/staking/StakingEscrow.sol";
import {Status} from "../../contracts/staking/interfaces/IStakingEscrow.sol";
import {Slasher} from "../../contracts/slashing/Slasher.sol";
import {ISlasher} from "../../contracts/slashing/interfaces/ISlasher.sol";
import {SlashPayloadFactory} from "../../contracts/slashing/SlashPayloadFactory.sol";
import {ISlashPayload, SlashEntry, Offence} from "../../contracts/slashing/interfaces/ISlashPayload.sol";

/// @notice Drives the real Slasher and StakingEscrow through random payload executions (new, repeated and vetoed
///         payloads), exits, payouts and time, and keeps a model of every attester's stake.
contract SlashingHandler is Test {
  uint256 internal constant STAKE = 100e18;

  StakingEscrow internal immutable escrow;
  Slasher internal immutable slasher;
  SlashPayloadFactory internal immutable factory;
  address internal immutable proposer;
  address internal immutable vetoer;
  address internal immutable withdrawer;
  address public constant RECIPIENT = address(0xBEEF);

  address[] public attesters;
  ISlashPayload[] public payloads;
  mapping(address attester => uint256) public slashed;
  mapping(address attester => uint256) public withdrawn;
  mapping(address attester => uint256) public modelStake;
  mapping(ISlashPayload payload => uint256) public executions;
  uint256 public slashedTotal;

  constructor(
    StakingEscrow escrow_,
    Slasher slasher_,
    SlashPayloadFactory factory_,
    address proposer_,
    address vetoer_,
    address withdrawer_,
    address[] memory attesters_
  ) {
    escrow = escrow_;
    slasher = slasher_;
    factory = factory_;
    proposer = proposer_;
    vetoer = vetoer_;
    withdrawer = withdrawer_;
    attesters = attesters_;
    for (uint256 i = 0; i < attesters_.length; ++i) modelStake[attesters_[i]] = STAKE;
  }

  function attesterCount() external view returns (uint256) {
    return attesters.length;
  }

  function payloadCount() external view returns (uint256) {
    return payloads.length;
  }

  /// @dev Creates (or finds: same content, same address) a payload of a subset of the attesters and executes it.
  function execute(uint256 subset, uint256 amount) external {
    ISlashPayload payload = _payloadOf(subset, bound(amount, 1, 60e18));
    _execute(payload);
  }

  /// @dev Executes an existing payload again: refused, so `executions` stays at one.
  function reexecute(uint256 index) external {
    if (payloads.length == 0) return;
    _execute(payloads[index % payloads.length]);
  }

  /// @dev Vetoes a payload not handled yet, then tries to execute it.
  function vetoAndExecute(uint256 subset, uint256 amount) external {
    ISlashPayload payload = _payloadOf(subset, bound(amount, 1, 60e18));
    if (slasher.getPayloadState(payload) == ISlasher.PayloadState.NONE && !slasher.isVetoed(payload)) {
      vm.prank(vetoer);
      slasher.veto(payload);
    }
    _execute(payload);
  }

  function exit(uint256 who) external {
    address a = attesters[who % attesters.length];
    Status status = escrow.getValidator(a).status;
    if (status != Status.VALIDATING && status != Status.ZOMBIE) return;
    vm.prank(withdrawer);
    escrow.initiateWithdraw(a, RECIPIENT);
  }

  function finalize(uint256 who) external {
    address a = attesters[who % attesters.length];
    if (escrow.getValidator(a).status != Status.EXITING) return;
    if (block.timestamp < escrow.getExit(a).exitableAt) return;
    escrow.finalizeWithdraw(a);
    withdrawn[a] += modelStake[a];
    modelStake[a] = 0;
  }

  function warp(uint256 seconds_) external {
    vm.warp(block.timestamp + bound(seconds_, 1, 8 days));
  }

  function _payloadOf(uint256 subset, uint256 amount) internal returns (ISlashPayload payload) {
    uint256 mask = subset % (1 << attesters.length);
    if (mask == 0) mask = 1;
    uint256 count;
    for (uint256 i = 0; i < attesters.length; ++i) if (mask & (1 << i) != 0) ++count;
    SlashEntry[] memory entries = new SlashEntry[](count);
    uint256 k;
    for (uint256 i = 0; i < attesters.length; ++i) {
      if (mask & (1 << i) != 0) entries[k++] = SlashEntry(attesters[i], amount, Offence.PRUNED_EPOCH);
    }
    _sortEntries(entries);
    payload = ISlashPayload(factory.predictAddress(entries));
    if (address(payload).code.length == 0) {
      factory.createPayload(entries);
      payloads.push(payload);
    }
  }

  function _execute(ISlashPayload payload) internal {
    SlashEntry[] memory entries = payload.getEntries();
    bool handled = slasher.getPayloadState(payload) != ISlasher.PayloadState.NONE || slasher.isVetoed(payload);
    vm.prank(proposer);
    try slasher.slash(payload) {
      ++executions[payload];
      for (uint256 i = 0; i < entries.length; ++i) {
        address a = entries[i].attester;
        if (escrow.getValidator(a).status == Status.NONE && withdrawn[a] != 0) continue; // paid out: skipped
        uint256 taken = entries[i].amount < modelStake[a] ? entries[i].amount : modelStake[a];
        modelStake[a] -= taken;
        slashed[a] += taken;
        slashedTotal += taken;
      }
    } catch {
      // refused: a handled or vetoed payload. A fresh one must not be refused.
      if (!handled) ++executions[ISlashPayload(address(0))];
    }
  }

  function _sortEntries(SlashEntry[] memory entries) internal pure {
    for (uint256 i = 1; i < entries.length; ++i) {
      for (uint256 j = i; j > 0 && entries[j - 1].attester > entries[j].attester; --j) {
        (entries[j - 1], entries[j]) = (entries[j], entries[j - 1]);
      }
    }
  }
}

/// @notice Slashing invariants (docs/PROPERTIES.md) on the real Rollup, StakingEscrow and Slasher.
contract SlashingInvariantTest is SlashingBase {
  SlashingHandler internal handler;

  function setUp() public override {
    super.setUp();
    handler = new SlashingHandler(escrow, slasher, factory, proposerAddress, vetoer, owner, validators);
    targetContract(address(handler));
  }

  /// The handler's steps do what they claim (the invariant runs discard reverting steps): a payload slashes, a
  /// repeat and a vetoed payload are refused, an exit is paid out; the invariants hold after them.
  function test_handler_slashesRefusesRepeatsAndVetoesAndPaysOut() public {
    handler.execute(3, 10e18); // validators 0 and 1
    assertEq(handler.slashedTotal(), 20e18);
    assertEq(handler.payloadCount(), 1);
    assertEq(handler.executions(handler.payloads(0)), 1);
    handler.reexecute(0);
    handler.execute(3, 10e18); // same content, same payload
    assertEq(handler.executions(handler.payloads(0)), 1);
    handler.vetoAndExecute(4, 5e18); // validator 2, vetoed first
    assertEq(handler.slashedTotal(), 20e18);
    handler.exit(0);
    handler.warp(8 days);
    handler.finalize(0);
    assertEq(handler.withdrawn(validators[0]), 90e18);
    handler.execute(1, 10e18); // validator 0 is gone: skipped
    assertEq(handler.slashedTotal(), 20e18);
    invariant_slashedPlusRemainingEqualsDeposited();
    invariant_balancesAccountForEveryToken();
    invariant_payloadExecutesAtMostOnce();
    invariant_votesEqualStakeAfterSlashes();
  }

  /// slashed + remaining (+ paid out) = deposited, per attester; the escrow's stake is the model's.
  function invariant_slashedPlusRemainingEqualsDeposited() public view {
    for (uint256 i = 0; i < validators.length; ++i) {
      address a = validators[i];
      uint256 stake = escrow.getValidator(a).stake;
      assertEq(stake, handler.modelStake(a), "stake == model");
      assertEq(handler.slashed(a) + stake + handler.withdrawn(a), 100e18, "slashed + remaining + paid == deposited");
    }
  }

  /// The escrow holds exactly the stakes; the sink holds exactly the slashes; the Slasher keeps nothing.
  function invariant_balancesAccountForEveryToken() public view {
    uint256 sum;
    uint256 paid;
    for (uint256 i = 0; i < validators.length; ++i) {
      sum += escrow.getValidator(validators[i]).stake;
      paid += handler.withdrawn(validators[i]);
    }
    assertEq(asset.balanceOf(address(escrow)), sum, "escrow balance == sum of stakes");
    assertEq(escrow.totalStaked(), sum, "totalStaked == sum of stakes");
    assertEq(asset.balanceOf(sink), handler.slashedTotal(), "sink == slashes, nothing lost");
    assertEq(asset.balanceOf(address(slasher)), 0, "the Slasher keeps nothing");
    assertEq(asset.balanceOf(handler.RECIPIENT()), paid, "payouts == paid-out stakes");
  }

  /// A payload executes at most once; a fresh payload is never refused.
  function invariant_payloadExecutesAtMostOnce() public view {
    for (uint256 i = 0; i < handler.payloadCount(); ++i) {
      assertLe(handler.executions(handler.payloads(i)), 1, "executed twice");
    }
    assertEq(handler.executions(ISlashPayload(address(0))), 0, "a fresh payload was refused");
  }

  /// Votes = stake after slashes (VALIDATING and ZOMBIE), none once exiting; the supply is their sum.
  function invariant_votesEqualStakeAfterSlashes() public {
    uint256 sum;
    for (uint256 i = 0; i < validators.length; ++i) {
      address a = validators[i];
      Status status = escrow.getValidator(a).status;
      uint256 expected = status == Status.VALIDATING || status == Status.ZOMBIE ? escrow.getValidator(a).stake : 0;
      assertEq(escrow.getVotes(a), expected, "votes == stake");
      sum += expected;
    }
    vm.warp(block.timestamp + 1);
    assertEq(escrow.getPastTotalSupply(block.timestamp - 1), sum, "voting supply == sum");
  }
}
