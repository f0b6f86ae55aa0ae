// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRollup} from "../core/interfaces/IRollup.sol";
import {Slot} from "../core/libraries/TimeLib.sol";
import {IRegistry} from "./interfaces/IRegistry.sol";
import {IRoundSignalling} from "./interfaces/IRoundSignalling.sol";

/// @dev keccak256(abi.encode(uint256(keccak256("sp-testnet.governance.roundSignalling")) - 1))
///      & ~bytes32(uint256(0xff)). File-level so the namespace test can read it.
bytes32 constant ROUND_SIGNALLING_STORAGE_SLOT = 0x11025c7955200c7e17166f2c097f23e3a585e003df819d71e7872046989adf00;

/// @title RoundSignalling
/// @notice The round logic `GovernanceProposer` and `SlashingProposer` share (Aztec's EmpireBase pattern):
///         rounds of M slots of the Registry's canonical rollup, quorum N with M/2 < N <= M (so at most one payload
///         wins a round), one signal per slot by the slot's proposer (directly or a relayed EIP-712 signature over
///         the derived contract's typehash and domain), a lifetime and an execution delay in rounds.
/// @dev Rounds are keyed by (rollup, round): only the rollup canonical when a signal or a close happens counts.
///      Per round one storage word holds the leader, the closed flag and the last signalled slot + 1 (so slot 0
///      is distinguishable from "none"); a signal writes that word and the payload's counter.
///      Every refusal reverts with the derived contract's own custom error and every signal emits its own event:
///      the derived contract hands the selectors of its errors (`RoundErrors`) and of its signal event to the
///      constructor, and implements the two refusals whose arguments differ between the contracts
///      (`_revertInvalidConfig`, `_revertRoundNotReady`).
abstract contract RoundSignalling is IRoundSignalling, EIP712 {
  /// @notice Round parameters (see `IRoundSignalling`).
  struct RoundConfig {
    IRegistry registry;
    /// The contract a winner goes to (Governance, Slasher); only checked to be non-zero here.
    address target;
    uint256 quorumSize;
    uint256 roundSize;
    uint256 lifetimeInRounds;
    uint256 executionDelayInRounds;
  }

  /// @notice Selectors of the derived contract's custom errors, by the arguments they take.
  struct RoundErrors {
    bytes4 zeroAddress; // ()
    bytes4 onlyProposer; // (address expected, address actual)
    bytes4 wrongSlot; // (uint256 expected, uint256 actual)
    bytes4 alreadySignalled; // (uint256 slot)
    bytes4 zeroPayload; // ()
    bytes4 payloadNotAContract; // (address payload)
    bytes4 roundExpired; // (uint256 lastRound, uint256 currentRound)
    bytes4 alreadyClosed; // (uint256 round)
    bytes4 quorumNotReached; // (uint256 quorum, uint256 signals)
  }

  struct Round {
    address leader;
    bool closed;
    uint64 lastSignalSlotPlusOne;
    mapping(address payload => uint256 signals) signals;
  }

  /// @custom:storage-location erc7201:sp-testnet.governance.roundSignalling
  struct RoundSignallingStorage {
    mapping(address rollup => mapping(uint256 round => Round)) rounds;
  }

  /// @inheritdoc IRoundSignalling
  IRegistry public immutable override REGISTRY;
  /// @inheritdoc IRoundSignalling
  uint256 public immutable override QUORUM_SIZE;
  /// @inheritdoc IRoundSignalling
  uint256 public immutable override ROUND_SIZE;
  /// @inheritdoc IRoundSignalling
  uint256 public immutable override LIFETIME_IN_ROUNDS;
  /// @inheritdoc IRoundSignalling
  uint256 public immutable override EXECUTION_DELAY_IN_ROUNDS;

  bytes32 private immutable TYPEHASH;
  bytes32 private immutable SIGNAL_EVENT;
  bytes4 private immutable E_ONLY_PROPOSER;
  bytes4 private immutable E_WRONG_SLOT;
  bytes4 private immutable E_ALREADY_SIGNALLED;
  bytes4 private immutable E_ZERO_PAYLOAD;
  bytes4 private immutable E_NOT_A_CONTRACT;
  bytes4 private immutable E_ROUND_EXPIRED;
  bytes4 private immutable E_ALREADY_CLOSED;
  bytes4 private immutable E_QUORUM_NOT_REACHED;

  /// @param name The EIP-712 domain name (version "1").
  /// @param signalTypehash The EIP-712 typehash of `(address payload, address rollup, uint256 slot)` signals.
  /// @param signalEvent The selector of the derived contract's signal event, which must be
  ///        `(address indexed rollup, uint256 indexed round, <payload> indexed payload, address signaler,
  ///        uint256 slot, uint256 signals)`.
  /// @param config Refused (with the derived contract's errors) for a zero registry or target, a quorum not in
  ///        (M/2, M], or an execution delay not below the lifetime (a zero lifetime included).
  /// @param errors The derived contract's error selectors.
  constructor(
    string memory name,
    bytes32 signalTypehash,
    bytes32 signalEvent,
    RoundConfig memory config,
    RoundErrors memory errors
  ) EIP712(name, "1") {
    if (address(config.registry) == address(0) || config.target == address(0)) _revert(errors.zeroAddress, "");
    if (
      config.quorumSize <= config.roundSize / 2 ||
      config.quorumSize > config.roundSize ||
      config.executionDelayInRounds >= config.lifetimeInRounds
    ) _revertInvalidConfig(config);
    REGISTRY = config.registry;
    QUORUM_SIZE = config.quorumSize;
    ROUND_SIZE = config.roundSize;
    LIFETIME_IN_ROUNDS = config.lifetimeInRounds;
    EXECUTION_DELAY_IN_ROUNDS = config.executionDelayInRounds;
    TYPEHASH = signalTypehash;
    SIGNAL_EVENT = signalEvent;
    E_ONLY_PROPOSER = errors.onlyProposer;
    E_WRONG_SLOT = errors.wrongSlot;
    E_ALREADY_SIGNALLED = errors.alreadySignalled;
    E_ZERO_PAYLOAD = errors.zeroPayload;
    E_NOT_A_CONTRACT = errors.payloadNotAContract;
    E_ROUND_EXPIRED = errors.roundExpired;
    E_ALREADY_CLOSED = errors.alreadyClosed;
    E_QUORUM_NOT_REACHED = errors.quorumNotReached;
  }

  /// @inheritdoc IRoundSignalling
  function getCurrentRound() external view override returns (uint256) {
    return _roundOf(Slot.unwrap(IRollup(REGISTRY.getCanonicalRollup()).getCurrentSlot()));
  }

  /// @inheritdoc IRoundSignalling
  function computeRound(uint256 slot) external view override returns (uint256) {
    return _roundOf(slot);
  }

  /// @dev Counts `payload` for the current slot's proposer, who must be the sender.
  function _signalAsSender(address payload) internal returns (uint256) {
    (address rollup, uint256 slot, address proposer) = _currentSlot();
    if (msg.sender != proposer) _revert(E_ONLY_PROPOSER, abi.encode(proposer, msg.sender));
    return _count(rollup, slot, proposer, payload);
  }

  /// @dev Counts `payload` for the current slot's proposer, who must have signed it for `slot` (the current one).
  function _signalWithSig(address payload, uint256 slot, bytes calldata signature) internal returns (uint256) {
    (address rollup, uint256 currentSlot, address proposer) = _currentSlot();
    if (slot != currentSlot) _revert(E_WRONG_SLOT, abi.encode(currentSlot, slot));
    address signer = ECDSA.recover(_signalDigest(payload, rollup, slot), signature);
    if (signer != proposer) _revert(E_ONLY_PROPOSER, abi.encode(proposer, signer));
    return _count(rollup, slot, proposer, payload);
  }

  /// @dev Closes `round` of the canonical rollup once: at least `EXECUTION_DELAY_IN_ROUNDS + 1` and at most
  ///      `LIFETIME_IN_ROUNDS` rounds after it, with a leader at quorum.
  /// @return rollup The canonical rollup.
  /// @return winner The round's winner, for the derived contract to act on.
  function _closeRound(uint256 round) internal returns (address rollup, address winner) {
    rollup = REGISTRY.getCanonicalRollup();
    uint256 currentRound = _roundOf(Slot.unwrap(IRollup(rollup).getCurrentSlot()));
    if (currentRound <= round + EXECUTION_DELAY_IN_ROUNDS) {
      _revertRoundNotReady(round, round + EXECUTION_DELAY_IN_ROUNDS + 1, currentRound);
    }
    if (currentRound - round > LIFETIME_IN_ROUNDS) {
      _revert(E_ROUND_EXPIRED, abi.encode(round + LIFETIME_IN_ROUNDS, currentRound));
    }
    Round storage r = _store().rounds[rollup][round];
    if (r.closed) _revert(E_ALREADY_CLOSED, abi.encode(round));
    winner = r.leader;
    uint256 signals = r.signals[winner];
    if (signals < QUORUM_SIZE) _revert(E_QUORUM_NOT_REACHED, abi.encode(QUORUM_SIZE, signals));
    r.closed = true;
  }

  /// @dev Reverts with the derived contract's invalid-configuration error.
  function _revertInvalidConfig(RoundConfig memory config) internal pure virtual;

  /// @dev Reverts with the derived contract's error for a round that cannot be closed yet.
  function _revertRoundNotReady(uint256 round, uint256 firstRound, uint256 currentRound) internal pure virtual;

  /// @dev What a client can read of a round.
  function _roundView(
    address rollup,
    uint256 round
  ) internal view returns (address leader, uint256 leaderSignals, bool closed, bool hasSignals, uint256 lastSlot) {
    Round storage r = _store().rounds[rollup][round];
    leader = r.leader;
    leaderSignals = r.signals[leader];
    closed = r.closed;
    hasSignals = r.lastSignalSlotPlusOne != 0;
    lastSlot = hasSignals ? r.lastSignalSlotPlusOne - 1 : 0;
  }

  function _signalCount(address rollup, uint256 round, address payload) internal view returns (uint256) {
    return _store().rounds[rollup][round].signals[payload];
  }

  function _signalDigest(address payload, address rollup, uint256 slot) internal view returns (bytes32) {
    return _hashTypedDataV4(keccak256(abi.encode(TYPEHASH, payload, rollup, slot)));
  }

  function _count(address rollup, uint256 slot, address proposer, address payload) private returns (uint256) {
    if (payload == address(0)) _revert(E_ZERO_PAYLOAD, "");
    uint256 round = _roundOf(slot);
    Round storage r = _store().rounds[rollup][round];
    // Slots only grow, so "a signal in this slot already" is "the last signal was in this slot".
    if (r.lastSignalSlotPlusOne == slot + 1) _revert(E_ALREADY_SIGNALLED, abi.encode(slot));
    r.lastSignalSlotPlusOne = SafeCast.toUint64(slot + 1);
    uint256 signals = r.signals[payload];
    // Checked at a payload's first signal of the round only, so later signals do not pay for EXTCODESIZE.
    if (signals == 0 && payload.code.length == 0) _revert(E_NOT_A_CONTRACT, abi.encode(payload));
    r.signals[payload] = ++signals;
    if (r.leader != payload && signals > r.signals[r.leader]) r.leader = payload;
    _emitSignal(rollup, round, payload, proposer, slot, signals);
    return signals;
  }

  function _currentSlot() private view returns (address rollup, uint256 slot, address proposer) {
    rollup = REGISTRY.getCanonicalRollup();
    slot = Slot.unwrap(IRollup(rollup).getCurrentSlot());
    proposer = IRollup(rollup).getCurrentProposer();
  }

  /// @dev Emits the derived contract's signal event (`SIGNAL_EVENT`): three indexed topics, three data words.
  function _emitSignal(
    address rollup,
    uint256 round,
    address payload,
    address signaler,
    uint256 slot,
    uint256 signals
  ) private {
    bytes32 topic = SIGNAL_EVENT;
    assembly ("memory-safe") {
      let p := mload(0x40)
      mstore(p, signaler)
      mstore(add(p, 0x20), slot)
      mstore(add(p, 0x40), signals)
      log4(p, 0x60, topic, rollup, round, payload)
    }
  }

  function _roundOf(uint256 slot) private view returns (uint256) {
    return slot / ROUND_SIZE;
  }

  function _store() private pure returns (RoundSignallingStorage storage s) {
    bytes32 slot = ROUND_SIGNALLING_STORAGE_SLOT;
    assembly ("memory-safe") {
      s.slot := slot
    }
  }

  /// @dev Reverts with the custom error `selector` and its ABI-encoded arguments.
  function _revert(bytes4 selector, bytes memory args) private pure {
    bytes memory data = bytes.concat(selector, args);
    assembly ("memory-safe") {
      revert(add(data, 0x20), mload(data))
    }
  }
}
