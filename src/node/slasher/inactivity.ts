import { type Address, type Hex, type PublicClient, getAddress } from "viem";
import type { ReadRollupConfigReturnType } from "../../chain/readRollupConfig.js";
import { epochAt } from "../../chain/time.js";
import { computeCommittee, proposerOf, type EpochCommittee } from "../../committee/computeCommittee.js";
import { InvalidParameterError } from "../../errors/BaseError.js";
import type { NodeStore } from "../store/NodeStore.js";
import type { Offence } from "./offences.js";
import { proposalSigners } from "./proposalSigners.js";

/** When a committee member counts as inactive (docs/SLASHING.md "Inactivity"). */
export type InactivityPolicy = {
  /**
   * Inactive in an epoch when (missed proposals + missed attestations) / (proposal + attestation duties) is above
   * this share, in [0, 1). Duties: each slot of the epoch it was the proposer of, and each block of the epoch
   * (an attestation it should have signed); missed: such a slot with no block, such a block without its signature.
   */
  maxMissedShare: number;
  /** An offence once inactive in this many consecutive epochs of its committees (epochs it sat on none skip). */
  consecutiveEpochs: number;
  /** First epoch looked at (default 0: every epoch with a committee). */
  fromEpoch?: bigint;
};

/** One block of an epoch: its slot and the committee members whose signatures it carried on L1. */
export type EpochBlock = { slot: bigint; signers: ReadonlySet<Address> };

/** A member's duties and misses in one epoch. */
export type EpochActivity = { duties: number; missed: number };

/** Refuses a policy out of range (a one-line expected/given error). */
export function checkInactivityPolicy(policy: InactivityPolicy): void {
  const { maxMissedShare: share, consecutiveEpochs: n } = policy;
  if (!(share >= 0 && share < 1)) {
    throw new InvalidParameterError("Inactivity: maxMissedShare out of range.", {
      expected: "a share in [0, 1)",
      given: String(share),
    });
  }
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidParameterError("Inactivity: consecutiveEpochs out of range.", {
      expected: "an integer >= 1",
      given: String(n),
    });
  }
}

/**
 * Duties and misses of every member of `committee` in the epoch of slots [firstSlot, firstSlot + slots): a pure
 * function of the committee and the blocks the L1 holds for the epoch (signers as decoded from `propose`).
 */
export function epochActivity(
  committee: EpochCommittee,
  firstSlot: bigint,
  slots: bigint,
  blocks: readonly EpochBlock[],
): Map<Address, EpochActivity> {
  const activity = new Map<Address, EpochActivity>();
  for (const member of committee.committee) activity.set(getAddress(member), { duties: 0, missed: 0 });
  const proposed = new Set(blocks.map((b) => b.slot));
  for (let slot = firstSlot; slot < firstSlot + slots; slot++) {
    const proposer = proposerOf(committee, slot);
    if (proposer === undefined) continue;
    const a = activity.get(getAddress(proposer))!;
    a.duties++;
    if (!proposed.has(slot)) a.missed++;
  }
  for (const block of blocks) {
    for (const [member, a] of activity) {
      a.duties++;
      if (!block.signers.has(member)) a.missed++;
    }
  }
  return activity;
}

/** Whether an epoch's activity is above the policy's share of misses (no duties: not inactive). */
export const isInactive = (a: EpochActivity, policy: InactivityPolicy) =>
  a.duties > 0 && a.missed > policy.maxMissedShare * a.duties;

/**
 * Inactivity offences from per-epoch activity, epochs in increasing order: an attester inactive in
 * `consecutiveEpochs` consecutive epochs of its committees is an offender once per such streak, dated at the first
 * slot of the epoch that completed the streak (the expiry counts from there), keyed `inactivity:<first epoch>`.
 * An active epoch ends a streak; an epoch it was not on the committee of neither ends nor extends one.
 */
export function inactivityOffences(
  epochs: readonly { epoch: bigint; activity: ReadonlyMap<Address, EpochActivity> }[],
  policy: InactivityPolicy,
  epochDuration: bigint,
): Offence[] {
  const streaks = new Map<Address, { start: bigint; length: number }>();
  const out: Offence[] = [];
  for (const { epoch, activity } of epochs) {
    for (const [attester, a] of activity) {
      if (a.duties === 0) continue;
      if (!isInactive(a, policy)) {
        streaks.delete(attester);
        continue;
      }
      const streak = streaks.get(attester) ?? { start: epoch, length: 0 };
      streak.length++;
      streaks.set(attester, streak);
      if (streak.length === policy.consecutiveEpochs) {
        out.push({ attester, kind: "INACTIVITY", slot: epoch * epochDuration, key: `inactivity:${streak.start}` });
      }
    }
  }
  return out;
}

/**
 * Inactivity read from the follower's store: for every epoch that has ended by the store's tip (no block can be
 * added to it any more) and was not pruned (its committee is slashed as a pruned epoch instead), the committee
 * (sampled once per epoch), the epoch's `l2Blocks` rows and each block's signers (decoded once from its `propose`
 * transaction). Epochs are looked at once each; a reorg that changes a looked-at epoch is not re-read (the
 * follower's confirmation horizon is shorter than an epoch).
 */
export class StoreInactivity {
  private readonly epochs: { epoch: bigint; activity: Map<Address, EpochActivity> }[] = [];
  private readonly signers = new Map<Hex, ReadonlySet<Address>>();
  private next: bigint;

  constructor(
    private readonly p: {
      store: NodeStore;
      publicClient: PublicClient;
      rollup: Address;
      config: ReadRollupConfigReturnType;
      policy: InactivityPolicy;
    },
  ) {
    checkInactivityPolicy(p.policy);
    this.next = p.policy.fromEpoch ?? 0n;
  }

  /** Inactivity offences of every epoch that ended by the store's tip (a block of slot s is mined in slot s). */
  async offences(): Promise<Offence[]> {
    const { clock } = this.p.config;
    const tipTime = this.p.store.tip()?.timestamp;
    // the epochs before `ended` have ended
    const ended = tipTime == null || tipTime < clock.genesisTime ? 0n : epochAt(clock, tipTime);
    const pruned = new Set(this.p.store.rows("prunes").map((r) => r.epoch));
    for (; this.next < ended; this.next++) {
      const epoch = this.next;
      if (pruned.has(epoch)) continue;
      const committee = await computeCommittee({
        client: this.p.publicClient,
        rollup: this.p.rollup,
        epoch,
        config: this.p.config,
      });
      if (committee.committee.length === 0) continue;
      const firstSlot = epoch * clock.epochDuration;
      const blocks: EpochBlock[] = [];
      for (const row of this.p.store.rows("l2Blocks")) {
        if (row.slot < firstSlot || row.slot >= firstSlot + clock.epochDuration) continue;
        blocks.push({ slot: row.slot, signers: await this.signersOf(row.txHash) });
      }
      this.epochs.push({ epoch, activity: epochActivity(committee, firstSlot, clock.epochDuration, blocks) });
    }
    return inactivityOffences(this.epochs, this.p.policy, clock.epochDuration);
  }

  private async signersOf(txHash: Hex): Promise<ReadonlySet<Address>> {
    let found = this.signers.get(txHash);
    if (found === undefined) this.signers.set(txHash, (found = await proposalSigners(this.p.publicClient, txHash)));
    return found;
  }
}
