// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RollupTestBase} from "../core/RollupTestBase.sol";
import {SlashPayloadFactory} from "../../contracts/slashing/SlashPayloadFactory.sol";
import {Slasher} from "../../contracts/slashing/Slasher.sol";
import {ISlashPayload, SlashEntry, Offence} from "../../contracts/slashing/interfaces/ISlashPayload.sol";
import {SlasherConfig} from "../../contracts/slashing/interfaces/ISlasher.sol";

/// @notice RollupTestBase (real Rollup + StakingEscrow, `VALIDATORS` staked validators) plus a payload factory and
///         a Slasher set as the Rollup's slasher, with a stand-in proposer address.
abstract contract SlashingBase is RollupTestBase {
  uint256 internal constant MAX_PAUSE = 3 days;
  uint256 internal constant EQUIVOCATION_AMOUNT = 10e18;

  address internal proposerAddress = makeAddr("slashingProposer");
  address internal vetoer = makeAddr("vetoer");
  address internal sink = makeAddr("sink");
  SlashPayloadFactory internal factory;
  Slasher internal slasher;
  IERC20 internal asset;
  address[] internal validators;

  function setUp() public virtual override {
    super.setUp();
    asset = IERC20(escrow.asset());
    factory = new SlashPayloadFactory();
    slasher = _deploySlasher(proposerAddress);
    vm.prank(owner);
    rollup.setSlasher(address(slasher));
    for (uint256 i = 0; i < VALIDATORS; ++i) validators.push(vm.addr(uint256(keccak256(abi.encode("validator", i)))));
    _sort(validators);
  }

  function _config(address proposer_) internal view returns (SlasherConfig memory) {
    return SlasherConfig(rollup, factory, proposer_, vetoer, sink, owner, MAX_PAUSE, EQUIVOCATION_AMOUNT);
  }

  function _deploySlasher(address proposer_) internal returns (Slasher) {
    return new Slasher(_config(proposer_));
  }

  /// @dev A payload slashing `amount` from each of `attesters` (sorted by the caller).
  function _payload(address[] memory attesters, uint256 amount) internal returns (ISlashPayload) {
    SlashEntry[] memory entries = new SlashEntry[](attesters.length);
    for (uint256 i = 0; i < attesters.length; ++i) entries[i] = SlashEntry(attesters[i], amount, Offence.PRUNED_EPOCH);
    return factory.createPayload(entries);
  }

  function _one(address a) internal pure returns (address[] memory list) {
    list = new address[](1);
    list[0] = a;
  }

  function _two(address a, address b) internal pure returns (address[] memory list) {
    list = new address[](2);
    (list[0], list[1]) = a < b ? (a, b) : (b, a);
  }

  function _stake(address attester) internal view returns (uint256) {
    return escrow.getValidator(attester).stake;
  }

  function _sort(address[] storage list) internal {
    for (uint256 i = 1; i < list.length; ++i) {
      for (uint256 j = i; j > 0 && list[j - 1] > list[j]; --j) (list[j - 1], list[j]) = (list[j], list[j - 1]);
    }
  }
}
