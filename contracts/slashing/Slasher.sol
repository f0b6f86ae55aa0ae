// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IRollup, ProposedHeader} from "../core/interfaces/IRollup.sol";
import {Slot, Epoch} from "../core/libraries/TimeLib.sol";
import {IStakingEscrow} from "../staking/interfaces/IStakingEscrow.sol";
import {ISlashPayload, ISlashPayloadFactory, SlashEntry} from "./interfaces/ISlashPayload.sol";
import {EquivocationEvidence, ISlasher, SlasherConfig} from "./interfaces/ISlasher.sol";

/// @title Slasher
/// @notice The slasher of one Rollup (`Rollup.setSlasher`, by its owner, the timelock): executes the payloads
///         its SlashingProposer hands over and slashes proven equivocations, forwarding the slashed tokens (which
///         the escrow transfers to this contract) to the sink.
contract Slasher is ISlasher, Ownable {
  using SafeERC20 for IERC20;

  /// @notice Upper bound of `MAX_PAUSE_DURATION` accepted by the constructor.
  uint256 public constant MAX_PAUSE_CAP = 30 days;

  /// @inheritdoc ISlasher
  IRollup public immutable ROLLUP;
  /// @inheritdoc ISlasher
  IStakingEscrow public immutable ESCROW;
  /// @inheritdoc ISlasher
  ISlashPayloadFactory public immutable FACTORY;
  /// @inheritdoc ISlasher
  address public immutable VETOER;
  /// @inheritdoc ISlasher
  uint256 public immutable MAX_PAUSE_DURATION;
  /// @inheritdoc ISlasher
  uint256 public immutable EQUIVOCATION_AMOUNT;
  IERC20 private immutable _ASSET;
  uint256 private immutable _EPOCH_DURATION;
  address private immutable _DEPLOYER;

  /// @inheritdoc ISlasher
  address public sink;
  /// @inheritdoc ISlasher
  uint256 public pausedUntil;
  address private _proposer;
  mapping(ISlashPayload payload => PayloadState) private _states;
  mapping(ISlashPayload payload => bool) private _vetoed;
  mapping(bytes32 attesterAndSlot => bool) private _usedEvidence;

  /// @param config See `SlasherConfig`; the escrow and epoch length are read from the Rollup. A zero `proposer`
  ///        leaves it to `initializeProposer` (the SlashingProposer names this contract, so one of the two is
  ///        deployed first; a deployment that cannot predict addresses, like Ignition, sets it afterwards).
  constructor(SlasherConfig memory config) Ownable(config.owner) {
    if (address(config.rollup) == address(0) || address(config.factory) == address(0)) revert Slasher__ZeroAddress();
    IStakingEscrow escrow = config.rollup.getConfig().escrow;
    if (
      config.maxPauseDuration == 0 ||
      config.maxPauseDuration > MAX_PAUSE_CAP ||
      config.equivocationAmount == 0 ||
      config.equivocationAmount > escrow.minimumStake()
    ) revert Slasher__InvalidConfig(config.maxPauseDuration, config.equivocationAmount);
    ROLLUP = config.rollup;
    ESCROW = escrow;
    FACTORY = config.factory;
    _proposer = config.proposer;
    _DEPLOYER = msg.sender;
    // Not named: the owner (the timelock) vetoes and receives; a deployment names a faster vetoer where it wants one.
    VETOER = config.vetoer == address(0) ? config.owner : config.vetoer;
    MAX_PAUSE_DURATION = config.maxPauseDuration;
    EQUIVOCATION_AMOUNT = config.equivocationAmount;
    _ASSET = IERC20(escrow.asset());
    _EPOCH_DURATION = config.rollup.getConfig().epochDuration;
    sink = config.sink == address(0) ? config.owner : config.sink;
  }

  /// @inheritdoc ISlasher
  function initializeProposer(address proposer) external override {
    if (msg.sender != _DEPLOYER) revert Slasher__OnlyDeployer(_DEPLOYER, msg.sender);
    if (_proposer != address(0)) revert Slasher__ProposerAlreadySet(_proposer);
    if (proposer == address(0)) revert Slasher__ZeroAddress();
    _proposer = proposer;
    emit ProposerInitialized(proposer);
  }

  /// @inheritdoc ISlasher
  function slash(ISlashPayload payload) external override returns (uint256 slashed) {
    address proposer = _proposer;
    if (msg.sender != proposer || proposer == address(0)) revert Slasher__OnlyProposer(proposer, msg.sender);
    _whenNotPaused();
    if (_vetoed[payload]) revert Slasher__PayloadVetoed(payload);
    if (_states[payload] != PayloadState.NONE) revert Slasher__AlreadyExecuted(payload, _states[payload]);
    SlashEntry[] memory entries = payload.getEntries();
    if (FACTORY.predictAddress(entries) != address(payload)) revert Slasher__UnknownPayload(address(payload));

    _states[payload] = PayloadState.EXECUTED;
    uint256 n = entries.length;
    address[] memory attesters = new address[](n);
    uint256[] memory amounts = new uint256[](n);
    for (uint256 i = 0; i < n; ++i) {
      attesters[i] = entries[i].attester;
      amounts[i] = entries[i].amount;
    }
    // One escrow call for the list: it skips (not reverts on) an attester this slasher may no longer slash.
    (uint256 taken, bool[] memory skipped) = ESCROW.slashBatch(attesters, amounts);
    for (uint256 i = 0; i < n; ++i) {
      if (skipped[i]) emit EntrySkipped(payload, attesters[i]);
      else ++slashed;
    }
    if (taken == 0) {
      _states[payload] = PayloadState.SLASHED_NOBODY;
      emit PayloadSlashedNobody(payload);
      return 0;
    }
    _ASSET.safeTransfer(sink, taken);
    emit PayloadExecuted(payload, slashed, taken);
  }

  /// @inheritdoc ISlasher
  function veto(ISlashPayload payload) external override {
    _onlyVetoer();
    if (_vetoed[payload]) revert Slasher__PayloadVetoed(payload);
    if (_states[payload] != PayloadState.NONE) revert Slasher__AlreadyExecuted(payload, _states[payload]);
    _vetoed[payload] = true;
    emit PayloadVetoed(payload);
  }

  /// @inheritdoc ISlasher
  function pause(uint256 duration) external override {
    _onlyVetoer();
    if (duration > MAX_PAUSE_DURATION) revert Slasher__PauseTooLong(MAX_PAUSE_DURATION, duration);
    uint256 last = pausedUntil;
    if (last != 0 && block.timestamp < last + MAX_PAUSE_DURATION) {
      revert Slasher__PauseCooldown(last + MAX_PAUSE_DURATION, block.timestamp);
    }
    uint256 until = block.timestamp + duration;
    pausedUntil = until;
    emit SlashingPaused(until);
  }

  /// @inheritdoc ISlasher
  function setSink(address newSink) external override onlyOwner {
    if (newSink == address(0)) revert Slasher__ZeroAddress();
    emit SinkUpdated(sink, newSink);
    sink = newSink;
  }

  /// @inheritdoc ISlasher
  function slashEquivocation(EquivocationEvidence calldata evidence) external override {
    _whenNotPaused();
    address attester = evidence.attester;
    uint256 slot = Slot.unwrap(evidence.first.slot);
    if (Slot.unwrap(evidence.second.slot) != slot) {
      revert Slasher__DifferentSlots(slot, Slot.unwrap(evidence.second.slot));
    }
    if (evidence.first.archive == evidence.second.archive) revert Slasher__SameArchive(evidence.first.archive);
    uint256 currentSlot = Slot.unwrap(ROLLUP.getCurrentSlot());
    if (slot > currentSlot) revert Slasher__FutureSlot(currentSlot, slot);
    bytes32 key = keccak256(abi.encode(attester, slot));
    if (_usedEvidence[key]) revert Slasher__EvidenceUsed(attester, slot);
    _checkSigner(0, attester, evidence.first, evidence.firstSignature);
    _checkSigner(1, attester, evidence.second, evidence.secondSignature);
    _checkOnCommittee(attester, slot / _EPOCH_DURATION, evidence.committee);
    if (!_mayStillSlash(attester)) revert Slasher__CannotSlash(attester);

    _usedEvidence[key] = true;
    uint256 balanceBefore = _ASSET.balanceOf(address(this));
    ESCROW.slash(attester, EQUIVOCATION_AMOUNT);
    uint256 taken = _ASSET.balanceOf(address(this)) - balanceBefore;
    if (taken != 0) _ASSET.safeTransfer(sink, taken);
    emit EquivocationSlashed(attester, slot, taken);
  }

  /// @inheritdoc ISlasher
  function PROPOSER() external view override returns (address) {
    return _proposer;
  }

  /// @inheritdoc ISlasher
  function getPayloadState(ISlashPayload payload) external view override returns (PayloadState) {
    return _states[payload];
  }

  /// @inheritdoc ISlasher
  function isVetoed(ISlashPayload payload) external view override returns (bool) {
    return _vetoed[payload];
  }

  /// @inheritdoc ISlasher
  function isEvidenceUsed(address attester, uint256 slot) external view override returns (bool) {
    return _usedEvidence[keccak256(abi.encode(attester, slot))];
  }

  /// @dev False for an attester that is gone (the escrow reverts for status NONE) or out of this slasher's reach.
  function _mayStillSlash(address attester) private view returns (bool) {
    try ESCROW.canSlash(attester, address(this)) returns (bool ok) {
      return ok;
    } catch {
      return false;
    }
  }

  function _checkSigner(
    uint256 index,
    address attester,
    ProposedHeader calldata header,
    bytes calldata signature
  ) private view {
    (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(ROLLUP.getAttestationDigest(header), signature);
    if (err != ECDSA.RecoverError.NoError || recovered != attester) {
      revert Slasher__InvalidSignature(index, attester, recovered);
    }
  }

  /// @dev With the epoch set up, the packed committee given is checked against the stored hash (cheap); otherwise
  ///      the Rollup samples the committee.
  function _checkOnCommittee(address attester, uint256 epoch, bytes calldata packed) private view {
    bytes32 stored = ROLLUP.getCommitteeHash(Epoch.wrap(epoch));
    if (stored != bytes32(0)) {
      bytes32 given = keccak256(packed);
      if (given != stored) revert Slasher__WrongCommittee(stored, given);
      for (uint256 i = 0; i + 20 <= packed.length; i += 20) {
        if (address(bytes20(packed[i:i + 20])) == attester) return;
      }
    } else {
      address[] memory committee = ROLLUP.getEpochCommittee(Epoch.wrap(epoch));
      for (uint256 i = 0; i < committee.length; ++i) {
        if (committee[i] == attester) return;
      }
    }
    revert Slasher__NotOnCommittee(attester, epoch);
  }

  function _onlyVetoer() private view {
    if (msg.sender != VETOER) revert Slasher__OnlyVetoer(VETOER, msg.sender);
  }

  function _whenNotPaused() private view {
    if (block.timestamp < pausedUntil) revert Slasher__Paused(pausedUntil);
  }
}
