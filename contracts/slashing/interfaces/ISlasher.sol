// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRollup, ProposedHeader} from "../../core/interfaces/IRollup.sol";
import {IStakingEscrow} from "../../staking/interfaces/IStakingEscrow.sol";
import {ISlashPayload, ISlashPayloadFactory} from "./ISlashPayload.sol";

/// @notice Deployment parameters of a Slasher.
struct SlasherConfig {
  /// The Rollup whose slasher this is (`Rollup.setSlasher`); its escrow is the one slashed.
  IRollup rollup;
  /// The factory whose payloads alone are executed.
  ISlashPayloadFactory factory;
  /// The SlashingProposer that hands over round winners; zero to set it once later (`initializeProposer`).
  address proposer;
  /// May veto payloads and pause slashing for a bounded time, nothing else; zero: the owner.
  address vetoer;
  /// Receives slashed tokens; zero: the owner.
  address sink;
  /// May change the sink (the Governance timelock).
  address owner;
  /// Longest pause, in seconds (0 < maxPauseDuration <= MAX_PAUSE_CAP).
  uint256 maxPauseDuration;
  /// Tokens slashed for an equivocation (0 < amount <= the escrow's minimum stake).
  uint256 equivocationAmount;
}

/// @notice Two attestations of one attester for one slot with different archives.
struct EquivocationEvidence {
  address attester;
  ProposedHeader first;
  bytes firstSignature;
  ProposedHeader second;
  bytes secondSignature;
  /// The slot's epoch committee as packed 20-byte addresses (as `propose` takes it), checked against the Rollup's
  /// stored committee hash; may be empty for an epoch nobody set up (the Slasher then samples it: costlier).
  bytes committee;
}

/// @title ISlasher
/// @notice Executes slash payloads that won a SlashingProposer round and slashes equivocations at once (SPEC
///         section 8). Slashed tokens go to the sink. The vetoer can veto a payload or pause slashing.
interface ISlasher {
  /// @notice What became of a payload handed over for execution.
  enum PayloadState {
    /// Never executed.
    NONE,
    /// Executed and slashed at least one token.
    EXECUTED,
    /// Executed but nobody on it could be slashed any more (recorded distinctly; not an execution).
    SLASHED_NOBODY
  }

  /// @notice Emitted when a payload slashed `attesters` attesters for `amount` tokens in all.
  event PayloadExecuted(ISlashPayload indexed payload, uint256 attesters, uint256 amount);
  /// @notice Emitted when a payload was handed over but slashed nobody.
  event PayloadSlashedNobody(ISlashPayload indexed payload);
  /// @notice Emitted for an entry this slasher may no longer slash (the attester left or is gone).
  event EntrySkipped(ISlashPayload indexed payload, address indexed attester);
  /// @notice Emitted when the vetoer vetoes a payload.
  event PayloadVetoed(ISlashPayload indexed payload);
  /// @notice Emitted when the vetoer pauses slashing until `until`.
  event SlashingPaused(uint256 until);
  /// @notice Emitted when the owner changes the sink.
  event SinkUpdated(address previousSink, address newSink);
  /// @notice Emitted when the deployer names the SlashingProposer (`initializeProposer`).
  event ProposerInitialized(address proposer);
  /// @notice Emitted when an equivocation is slashed.
  event EquivocationSlashed(address indexed attester, uint256 indexed slot, uint256 amount);

  /// @notice Thrown by the constructor (and `setSink`) for a zero address.
  error Slasher__ZeroAddress();
  /// @notice Thrown when `initializeProposer` is called by anyone but the deployer.
  error Slasher__OnlyDeployer(address expected, address actual);
  /// @notice Thrown when `initializeProposer` is called once the proposer is set.
  error Slasher__ProposerAlreadySet(address proposer);
  /// @notice Thrown by the constructor for a pause bound or equivocation amount out of range.
  error Slasher__InvalidConfig(uint256 maxPauseDuration, uint256 equivocationAmount);
  /// @notice Thrown when someone else than the SlashingProposer hands over a payload.
  error Slasher__OnlyProposer(address expected, address actual);
  /// @notice Thrown when someone else than the vetoer vetoes or pauses.
  error Slasher__OnlyVetoer(address expected, address actual);
  /// @notice Thrown when executing a payload the factory did not create (for these entries).
  error Slasher__UnknownPayload(address payload);
  /// @notice Thrown when executing or vetoing a vetoed payload.
  error Slasher__PayloadVetoed(ISlashPayload payload);
  /// @notice Thrown when executing or vetoing a payload that was handed over already.
  error Slasher__AlreadyExecuted(ISlashPayload payload, PayloadState state);
  /// @notice Thrown when slashing while paused.
  error Slasher__Paused(uint256 until);
  /// @notice Thrown when pausing longer than the bound.
  error Slasher__PauseTooLong(uint256 max, uint256 given);
  /// @notice Thrown when pausing again before the previous pause ended plus `MAX_PAUSE_DURATION`.
  error Slasher__PauseCooldown(uint256 notBefore, uint256 now_);
  /// @notice Thrown when the two attestations are for different slots.
  error Slasher__DifferentSlots(uint256 first, uint256 second);
  /// @notice Thrown when the two attestations are for the same archive (no equivocation).
  error Slasher__SameArchive(bytes32 archive);
  /// @notice Thrown when the slot of the evidence has not begun yet.
  error Slasher__FutureSlot(uint256 currentSlot, uint256 slot);
  /// @notice Thrown when attestation `index` (0 or 1) was not signed by the attester.
  error Slasher__InvalidSignature(uint256 index, address attester, address recovered);
  /// @notice Thrown when the attester was not on the committee of the slot's epoch.
  error Slasher__NotOnCommittee(address attester, uint256 epoch);
  /// @notice Thrown when the given packed committee does not hash to the Rollup's stored committee hash.
  error Slasher__WrongCommittee(bytes32 expected, bytes32 actual);
  /// @notice Thrown when an equivocation of this attester in this slot was slashed already.
  error Slasher__EvidenceUsed(address attester, uint256 slot);
  /// @notice Thrown when the escrow no longer lets this slasher slash the attester.
  error Slasher__CannotSlash(address attester);

  /// @notice Names the SlashingProposer once, for a Slasher constructed with a zero `proposer` (deployer only).
  /// @param proposer The SlashingProposer whose round winners this Slasher executes.
  /// @custom:reverts Slasher__OnlyDeployer when the caller is not the deployer.
  /// @custom:reverts Slasher__ProposerAlreadySet when the proposer is set (at construction or before).
  /// @custom:reverts Slasher__ZeroAddress for the zero address.
  function initializeProposer(address proposer) external;

  /// @notice Executes `payload`, a round winner whose execution delay passed (SlashingProposer only). Entries
  ///         this slasher may no longer slash are skipped; slashed tokens go to the sink.
  /// @param payload A payload created by the factory.
  /// @return slashed The number of attesters slashed (0: recorded as `SLASHED_NOBODY`).
  /// @custom:reverts Slasher__OnlyProposer when the caller is not the SlashingProposer.
  /// @custom:reverts Slasher__Paused while paused.
  /// @custom:reverts Slasher__PayloadVetoed for a vetoed payload.
  /// @custom:reverts Slasher__AlreadyExecuted for a payload handed over before.
  /// @custom:reverts Slasher__UnknownPayload for a payload not created by the factory.
  function slash(ISlashPayload payload) external returns (uint256 slashed);

  /// @notice Vetoes `payload` for good (vetoer only), any time before it is executed.
  /// @custom:reverts Slasher__OnlyVetoer when the caller is not the vetoer.
  /// @custom:reverts Slasher__PayloadVetoed when vetoed already.
  /// @custom:reverts Slasher__AlreadyExecuted when it was executed.
  function veto(ISlashPayload payload) external;

  /// @notice Pauses all slashing for `duration` seconds (vetoer only), at most `MAX_PAUSE_DURATION`; a new pause
  ///         can start only `MAX_PAUSE_DURATION` after the previous one ended, so slashing is never held off
  ///         for more than half of any time.
  /// @custom:reverts Slasher__OnlyVetoer when the caller is not the vetoer.
  /// @custom:reverts Slasher__PauseTooLong when `duration` exceeds the bound.
  /// @custom:reverts Slasher__PauseCooldown inside the cool-down after a pause.
  function pause(uint256 duration) external;

  /// @notice Sets the sink of slashed tokens (owner only).
  /// @custom:reverts OwnableUnauthorizedAccount when the caller is not the owner.
  /// @custom:reverts Slasher__ZeroAddress for the zero address.
  function setSink(address sink) external;

  /// @notice Slashes `EQUIVOCATION_AMOUNT` from an attester that signed two headers with different archives for
  ///         one slot (anyone may call; usable once per attester and slot). Uses the Rollup's attestation digest.
  /// @custom:reverts Slasher__Paused while paused.
  /// @custom:reverts Slasher__DifferentSlots when the slots differ.
  /// @custom:reverts Slasher__SameArchive when the archives are equal.
  /// @custom:reverts Slasher__FutureSlot for a slot after the current one.
  /// @custom:reverts Slasher__InvalidSignature when a signature is not the attester's.
  /// @custom:reverts Slasher__WrongCommittee when the packed committee does not match the stored hash.
  /// @custom:reverts Slasher__NotOnCommittee when the attester was not on the slot's epoch committee.
  /// @custom:reverts Slasher__EvidenceUsed when this attester and slot were slashed already.
  /// @custom:reverts Slasher__CannotSlash when the escrow no longer lets this slasher slash the attester.
  function slashEquivocation(EquivocationEvidence calldata evidence) external;

  /// @notice What became of `payload`.
  function getPayloadState(ISlashPayload payload) external view returns (PayloadState);

  /// @notice Whether `payload` was vetoed.
  function isVetoed(ISlashPayload payload) external view returns (bool);

  /// @notice Whether an equivocation of `attester` in `slot` was slashed.
  function isEvidenceUsed(address attester, uint256 slot) external view returns (bool);

  /// @notice The end of the current or last pause (0: never paused).
  function pausedUntil() external view returns (uint256);

  /// @notice Where slashed tokens go.
  function sink() external view returns (address);

  /// @notice The Rollup this is the slasher of.
  function ROLLUP() external view returns (IRollup);

  /// @notice The escrow slashed (the Rollup's).
  function ESCROW() external view returns (IStakingEscrow);

  /// @notice The factory whose payloads are executed.
  function FACTORY() external view returns (ISlashPayloadFactory);

  /// @notice The SlashingProposer.
  function PROPOSER() external view returns (address);

  /// @notice The vetoer.
  function VETOER() external view returns (address);

  /// @notice The longest pause, in seconds.
  function MAX_PAUSE_DURATION() external view returns (uint256);

  /// @notice Tokens slashed per equivocation.
  function EQUIVOCATION_AMOUNT() external view returns (uint256);
}
