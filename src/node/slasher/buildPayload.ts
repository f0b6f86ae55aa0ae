import { type Address, getAddress } from "viem";
import type { InactivityPolicy } from "./inactivity.js";
import { OFFENCE, type Offence, type OffenceKind } from "./offences.js";

/** A `SlashEntry` of `ISlashPayload.sol`. */
export type SlashEntry = { attester: Address; amount: bigint; offence: number };

export type SlashPolicy = {
  /** Tokens slashed per offence kind (a kind without an amount, or with 0, is not slashed). */
  amounts: Partial<Record<OffenceKind, bigint>>;
  /** At most this many attesters in one payload (the largest amounts first, then the lowest addresses). */
  maxOffenders: number;
  /** An offence is slashed in the rounds `r .. r + expiryRounds`, r the round of its slot; later it is dropped. */
  expiryRounds: bigint;
  /** Whether the node's own keys may be slashed (default false: they never are). */
  slashOwnKeys?: boolean;
  /** Inactivity detection (offence `INACTIVITY`, slashed with `amounts.INACTIVITY`); none: not detected. */
  inactivity?: InactivityPolicy;
};

/**
 * What a node slashes unless configured otherwise (the simulator and `node:run`): 10 tokens per offence (a tenth
 * of the minimum stake) for a pruned epoch's committee, a withheld block's proposer and signers, and equivocation.
 * Every operator applies the same rule to its own keys too: a node that spared its own would build a payload no
 * other node signals, and no payload would reach quorum.
 */
export const DEFAULT_SLASH_POLICY: SlashPolicy = {
  amounts: { PRUNED_EPOCH: 10n * 10n ** 18n, INVALID_ATTESTATIONS: 10n * 10n ** 18n, EQUIVOCATION: 10n * 10n ** 18n },
  maxOffenders: 128,
  expiryRounds: 4n,
  slashOwnKeys: true,
};

export type BuildPayloadParameters = {
  offences: readonly Offence[];
  policy: SlashPolicy;
  round: bigint;
  roundSize: bigint;
  /** The node's own keys. */
  ownKeys: readonly Address[];
  /** Offences already dealt with (executed, slashed nobody, or vetoed), by `offenceId`. */
  settled: ReadonlySet<string>;
};

/** The identity of one attester's offence (the same in every node). */
export const offenceId = (o: Offence) => `${getAddress(o.attester)}/${o.kind}/${o.key}`;

/**
 * The payload a node signals in `round`: a pure function of the offences, so every node with the same evidence
 * builds the same list and so the same create2 address. Per attester the offence with the largest amount counts
 * (ties: the lower `Offence` value); offences outside their expiry, settled ones and the node's own keys (unless
 * allowed) are left out; at most `maxOffenders` attesters, sorted by address (the factory requires it).
 * Returns the entries and the offences they slash (empty: nothing to slash).
 */
export function buildPayload(p: BuildPayloadParameters): { entries: SlashEntry[]; offences: Offence[] } {
  const own = new Set(p.ownKeys.map((k) => getAddress(k)));
  const best = new Map<Address, { amount: bigint; offence: Offence }>();
  for (const o of p.offences) {
    const amount = p.policy.amounts[o.kind] ?? 0n;
    const offenceRound = o.slot / p.roundSize;
    const attester = getAddress(o.attester);
    if (amount === 0n || offenceRound > p.round || p.round - offenceRound > p.policy.expiryRounds) continue;
    if (p.settled.has(offenceId(o)) || (own.has(attester) && p.policy.slashOwnKeys !== true)) continue;
    const current = best.get(attester);
    const better =
      current === undefined ||
      amount > current.amount ||
      (amount === current.amount && OFFENCE[o.kind] < OFFENCE[current.offence.kind]);
    if (better) best.set(attester, { amount, offence: o });
  }
  const byAddress = (a: Address, b: Address) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
  const chosen = [...best.entries()]
    .sort(([a, x], [b, y]) => (x.amount !== y.amount ? (x.amount > y.amount ? -1 : 1) : byAddress(a, b)))
    .slice(0, p.policy.maxOffenders)
    .sort(([a], [b]) => byAddress(a, b));
  return {
    entries: chosen.map(([attester, { amount, offence }]) => ({ attester, amount, offence: OFFENCE[offence.kind] })),
    offences: chosen.map(([, { offence }]) => offence),
  };
}
