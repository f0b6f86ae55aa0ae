import { type Address, type Hex, type PublicClient, getAddress, isAddressEqual, recoverTypedDataAddress } from "viem";
import { type ReadRollupConfigReturnType } from "../../chain/readRollupConfig.js";
import { epochOf } from "../../chain/time.js";
import { computeCommittee, proposerOf, type EpochCommittee } from "../../committee/computeCommittee.js";
import { InvalidParameterError } from "../../errors/BaseError.js";
import { type AttestationDomain, attestationTypedDataOf } from "../../sequencer/attestations.js";
import type { NodeStore } from "../store/NodeStore.js";
import { proposalSigners } from "./proposalSigners.js";

/** The `Offence` enum of `ISlashPayload.sol` (its numeric values are the ABI's). */
export const OFFENCE = { PRUNED_EPOCH: 0, INVALID_ATTESTATIONS: 1, INACTIVITY: 2, EQUIVOCATION: 3 } as const;
export type OffenceKind = keyof typeof OFFENCE;

/** One attester's offence: what, where (the slot it happened in, which dates it for expiry), and the evidence key. */
export type Offence = {
  attester: Address;
  kind: OffenceKind;
  slot: bigint;
  /** What makes the offence unique (e.g. `prune:<epoch>`, `withheld:<l1Block>:<logIndex>`, `equivocation:<slot>`). */
  key: string;
};

/** One signed attestation as a collector saw it. */
export type SignedAttestation = { slot: bigint; headerHash: Hex; signature: Hex };

/** Two attestations of one attester for one slot with different header hashes. */
export type EquivocationEvidence = { attester: Address; first: SignedAttestation; second: SignedAttestation };

/** The digest the Rollup's attesters sign (`AttestationLib`), from a header hash: the sequencer's one definition. */
export { attestationTypedDataOf };

/**
 * Checks equivocation evidence: one slot, two header hashes, both signatures by `attester` over the Rollup's
 * attestation digest. Throws `InvalidParameterError` for anything else.
 */
export async function verifyEquivocation(domain: AttestationDomain, evidence: EquivocationEvidence): Promise<Offence> {
  const { attester, first, second } = evidence;
  const refuse = (expected: string, given: string) => {
    throw new InvalidParameterError("Not equivocation evidence.", { expected, given });
  };
  if (first.slot !== second.slot) refuse("two attestations for one slot", `slots ${first.slot} and ${second.slot}`);
  if (first.headerHash === second.headerHash) refuse("two different header hashes", `twice ${first.headerHash}`);
  for (const a of [first, second]) {
    const signer = await recoverTypedDataAddress({
      ...attestationTypedDataOf(domain, a.headerHash),
      signature: a.signature,
    });
    if (!isAddressEqual(signer, attester)) refuse(`signatures by ${attester}`, `a signature by ${signer}`);
  }
  return { attester: getAddress(attester), kind: "EQUIVOCATION", slot: first.slot, key: `equivocation:${first.slot}` };
}

/**
 * Offences read from the follower's store: the committee of every pruned epoch (`prunes`), and the proposer and
 * the signers of every block whose blobs could not be had (`l2Blocks` with availability `unavailable`; its
 * signers are decoded from the `propose` transaction). Each source row is looked at once: results are cached
 * by row, so a tick reads the store and does chain reads only for rows it has not seen.
 */
export class StoreOffences {
  private readonly committees = new Map<bigint, Promise<EpochCommittee>>();
  private readonly seen = new Map<string, Offence[]>();

  constructor(
    private readonly p: {
      store: NodeStore;
      publicClient: PublicClient;
      rollup: Address;
      config: ReadRollupConfigReturnType;
    },
  ) {}

  /** Every offence the store shows so far. */
  async all(): Promise<Offence[]> {
    const out: Offence[] = [];
    for (const prune of this.p.store.rows("prunes")) {
      const key = `prune:${prune.epoch}`;
      out.push(...(await this.once(key, () => this.prunedCommittee(prune.epoch, key))));
    }
    for (const block of this.p.store.rows("l2Blocks")) {
      if (block.availability !== "unavailable") continue;
      const key = `withheld:${block.l1Block}:${block.logIndex}`;
      out.push(...(await this.once(key, () => this.withholders(block.txHash, block.slot, key))));
    }
    return out;
  }

  private async once(key: string, detect: () => Promise<Offence[]>): Promise<Offence[]> {
    let found = this.seen.get(key);
    if (found === undefined) this.seen.set(key, (found = await detect()));
    return found;
  }

  private committeeOf(epoch: bigint): Promise<EpochCommittee> {
    let committee = this.committees.get(epoch);
    if (committee === undefined) {
      const { publicClient: client, rollup, config } = this.p;
      committee = computeCommittee({ client, rollup, epoch, config });
      this.committees.set(epoch, committee);
    }
    return committee;
  }

  private async prunedCommittee(epoch: bigint, key: string): Promise<Offence[]> {
    const { committee } = await this.committeeOf(epoch);
    const slot = epoch * this.p.config.clock.epochDuration;
    return committee.map((attester) => ({ attester: getAddress(attester), kind: "PRUNED_EPOCH", slot, key }));
  }

  private async withholders(txHash: Hex, slot: bigint, key: string): Promise<Offence[]> {
    const epochCommittee = await this.committeeOf(epochOf(this.p.config.clock, slot));
    const offenders = new Set<Address>();
    const proposer = proposerOf(epochCommittee, slot);
    if (proposer !== undefined) offenders.add(getAddress(proposer));
    for (const signer of await proposalSigners(this.p.publicClient, txHash)) offenders.add(signer);
    return [...offenders].map((attester) => ({ attester, kind: "INVALID_ATTESTATIONS", slot, key }));
  }
}
