import type { Address } from "viem";
import { type SlotClock, epochOf, slotAt } from "../../chain/time.js";
import { type EpochCommittee, proposerOf } from "../../committee/computeCommittee.js";
import type { AttestationDomain } from "../../sequencer/attestations.js";
import { hashHeader } from "../../sequencer/header.js";
import { checkProposalBlobs } from "../actors/Attester.js";
import type { VerifiedBlobs } from "../blobs/VerifiedBlobs.js";
import {
  type AttestationMessage,
  decodeAttestations,
  decodeProposal,
  MalformedMessageError,
  type ProposalMessage,
} from "./messages.js";
import { recoverAttesters } from "./recoverSigners.js";

/** Why a gossip message was dropped before it was forwarded. */
export const DROP_REASONS = [
  "malformed",
  "wrongSlot",
  "notProposer",
  "notInCommittee",
  "badSignature",
  "blobsInvalid",
  "duplicate",
  /** The epoch's committee is not known yet (its seed is not fixed on this node's L1 view): not the peer's fault. */
  "unknownCommittee",
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** `late`: valid, but for a slot already behind this node's view (not forwarded, not the sender's fault). */
export type Verdict<T> =
  { ok: true; message: T; committee: EpochCommittee; late: boolean } | { ok: false; reason: DropReason };

/** How far (in slots) a message's slot may be from this node's current slot: L1 views of peers lag a little. */
export const SLOT_TOLERANCE = 1n;

/**
 * How long a message for a slot ahead of this node's L1 view (or of an epoch whose committee it does not know yet)
 * waits for that view to catch up: the sender saw a newer L1 block first.
 */
export const CATCH_UP_MS = 3_000;
const CATCH_UP_POLL_MS = 100;

/** What checks need: the EIP-712 domain, the clock, this node's L1 time and its committee view. */
export type ValidationContext = {
  domain: AttestationDomain;
  clock: SlotClock;
  now: () => Promise<bigint>;
  /** This node's L1 time read again (not cached): when a message is ahead of `now`. Default `now`. */
  freshNow?: () => Promise<bigint>;
  committee: (epoch: bigint) => Promise<EpochCommittee | undefined>;
  /** The node's record of checked blobs: a proposal's blobs are checked once, here, not again by its attester. */
  verified?: VerifiedBlobs;
  /** Default `CATCH_UP_MS`. */
  catchUpMs?: number;
};

const isMember = (committee: readonly Address[], a: Address) =>
  committee.some((m) => m.toLowerCase() === a.toLowerCase());

/**
 * The committee of `slot`'s epoch, if the slot is near this node's current one. A slot (or epoch) ahead of this
 * node's L1 view waits up to `catchUpMs` for the view to reach it (peers see new L1 blocks at different times); a
 * slot behind it by up to an epoch is `late` (an honest message that took long, still checked in full); further
 * off either way: `wrongSlot`.
 */
async function slotAndCommittee(
  c: ValidationContext,
  slot: bigint,
): Promise<{ ok: true; committee: EpochCommittee; late: boolean } | { ok: false; reason: DropReason }> {
  const deadline = Date.now() + (c.catchUpMs ?? CATCH_UP_MS);
  let current = slotAt(c.clock, await c.now());
  for (;;) {
    if (slot + c.clock.epochDuration < current) return { ok: false, reason: "wrongSlot" };
    const ahead = slot > current + SLOT_TOLERANCE;
    const committee = ahead ? undefined : await c.committee(epochOf(c.clock, slot));
    if (committee !== undefined) return { ok: true, committee, late: slot + SLOT_TOLERANCE < current };
    if (Date.now() >= deadline) return { ok: false, reason: ahead ? "wrongSlot" : "unknownCommittee" };
    await new Promise((r) => setTimeout(r, CATCH_UP_POLL_MS));
    current = slotAt(c.clock, await (c.freshNow ?? c.now)());
  }
}

/**
 * A block proposal is forwarded only if it decodes, is for a slot near this node's current one, is signed by that
 * slot's proposer (a signature that recovers to another committee member: `notProposer`; to no member or to
 * nothing: `badSignature`), and its blobs match its header (the attester's blob check).
 */
export async function validateProposal(c: ValidationContext, data: Uint8Array): Promise<Verdict<ProposalMessage>> {
  let message: ProposalMessage;
  try {
    message = decodeProposal(data);
  } catch (error) {
    if (error instanceof MalformedMessageError) return { ok: false, reason: "malformed" };
    throw error;
  }
  const { header, signature, blobs } = message;
  const seat = await slotAndCommittee(c, header.slot);
  if (!seat.ok) return seat;
  const [signer] = recoverAttesters(c.domain, hashHeader(header), [signature]);
  const proposer = proposerOf(seat.committee, header.slot);
  if (signer === undefined || !isMember(seat.committee.committee, signer)) return { ok: false, reason: "badSignature" };
  if (proposer === undefined || signer.toLowerCase() !== proposer.toLowerCase())
    return { ok: false, reason: "notProposer" };
  if (checkProposalBlobs(header, blobs, c.verified) !== null) return { ok: false, reason: "blobsInvalid" };
  return { ok: true, message, committee: seat.committee, late: seat.late };
}

/**
 * A node's attestations are forwarded only if they decode, are for a slot near the current one, every attester
 * sits on that slot's committee, and every signature recovers to its attester over the header hash.
 */
export async function validateAttestations(
  c: ValidationContext,
  data: Uint8Array,
): Promise<Verdict<AttestationMessage>> {
  let message: AttestationMessage;
  try {
    message = decodeAttestations(data);
  } catch (error) {
    if (error instanceof MalformedMessageError) return { ok: false, reason: "malformed" };
    throw error;
  }
  const seat = await slotAndCommittee(c, message.slot);
  if (!seat.ok) return seat;
  for (const { attester } of message.attestations)
    if (!isMember(seat.committee.committee, attester)) return { ok: false, reason: "notInCommittee" };
  const { attestations } = message;
  const signers = recoverAttesters(
    c.domain,
    message.headerHash,
    attestations.map((a) => a.signature),
  );
  if (signers.some((signer, k) => signer?.toLowerCase() !== attestations[k].attester.toLowerCase()))
    return { ok: false, reason: "badSignature" };
  return { ok: true, message, committee: seat.committee, late: seat.late };
}
