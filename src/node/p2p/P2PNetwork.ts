import { createHash } from "node:crypto";
import { TopicValidatorResult, type Message } from "@libp2p/gossipsub";
import type { PeerId } from "@libp2p/interface";
import type { Address, Hex } from "viem";
import { type SlotClock, epochOf, slotAt } from "../../chain/time.js";
import { type EpochCommittee, proposerOf } from "../../committee/computeCommittee.js";
import { type AttestationDomain, requiredAttestations } from "../../sequencer/attestations.js";
import { hashHeader } from "../../sequencer/header.js";
import type { AttestationCollector, CollectedAttestations } from "../actors/AttestationCollector.js";
import type { AttestationRequest, Attester } from "../actors/Attester.js";
import type { LocalBlobStore } from "../blobs/LocalBlobStore.js";
import { encodeAttestations, encodeProposal, type ProposalMessage } from "./messages.js";
import type { P2PHost } from "./P2PHost.js";
import { type DropReason, validateAttestations, validateProposal, type Verdict } from "./validateMessages.js";

export type Topic = "proposal" | "attestation";

/** The gossip topics of one deployment (chain and Rollup): nodes of another deployment never mix with these. */
export function topicsOf(domain: AttestationDomain): Record<Topic, string> {
  const base = `/sp-testnet/${domain.chainId}/${domain.rollup.toLowerCase()}`;
  return { proposal: `${base}/proposal/1`, attestation: `${base}/attestation/1` };
}

/** What the network reports (the node's Prometheus metrics implement it; tests read `P2PNetwork.stats`). */
export interface P2PMetricsSink {
  received(topic: Topic): void;
  dropped(topic: Topic, reason: DropReason): void;
  published(topic: Topic): void;
  /** A valid message for a slot already behind this node's view: not forwarded, not the sender's fault. */
  late?(topic: Topic): void;
}

export type P2PNetworkParameters = {
  host: P2PHost;
  domain: AttestationDomain;
  clock: SlotClock;
  /** The node's L1 time (the latest L1 block's timestamp + 1). */
  now: () => Promise<bigint>;
  /** The node's committee view (`CommitteeCache`): undefined while the epoch's seed is not fixed. */
  committee: (epoch: bigint) => Promise<EpochCommittee | undefined>;
  /** How long a proposer waits for floor(2n/3)+1 signatures. */
  timeoutMs: number;
  /** Where blobs of valid proposals are kept: the node's follower checks L1's blocks against them. */
  blobStore?: LocalBlobStore;
  metrics?: P2PMetricsSink;
  /** A message was dropped (logged: which peer sent what). */
  onDrop?: (topic: Topic, reason: DropReason, peer: string) => void;
  /** The outcome of this node's attestation of a valid proposal: `signed`, or the attester's last refusal. */
  onAttest?: (slot: bigint, outcome: string, detail: string, tries: number) => void;
  /** Something went wrong handling a message (logged; the node goes on). */
  onError?: (what: string, error: unknown) => void;
};

/** Retry interval while the node's own follower has not caught up with the tip a proposal extends. */
const RETRY_MS = 150;
/** How long one reading of the L1 time serves message validation. */
const NOW_TTL_MS = 250;
/** Slots kept in the attestation pool behind the current one. */
const KEPT_SLOTS = 2n;

/**
 * The attestation collector over libp2p gossipsub. A proposer's `collect` signs with its own keys (through its
 * node's `Attester`, with signing protection), broadcasts the proposal signed by the slot's proposer key, and
 * waits until it holds floor(2n/3)+1 committee signatures for the header, or `timeoutMs`. Every node validates
 * each message before gossipsub forwards it (`validateMessages`): a bad one is dropped, counted by reason, and
 * rejected — which scores its sender down, until it is graylisted; a byte-identical message again is a duplicate
 * (rejected when its origin resends it, ignored when an honest peer relays it). On a valid proposal a committee
 * member's node asks its `Attester` (retrying while its follower has not reached the proposal's parent) and
 * gossips its signatures; every node keeps the proposal's blobs for its follower.
 */
export class P2PNetwork implements AttestationCollector {
  readonly topics: Record<Topic, string>;
  readonly stats = {
    received: { proposal: 0, attestation: 0 },
    published: { proposal: 0, attestation: 0 },
    late: { proposal: 0, attestation: 0 },
    dropped: new Map<DropReason, number>(),
  };
  private attester: Attester | undefined;
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];
  /** Signatures per header hash (and its slot), whoever sent them. */
  private readonly pool = new Map<Hex, { slot: bigint; signatures: Map<string, Hex> }>();
  private readonly published = new Set<Hex>();
  private readonly waiters = new Set<() => void>();
  private cachedNow: { at: number; value: Promise<bigint> } | undefined;

  constructor(private readonly p: P2PNetworkParameters) {
    this.topics = topicsOf(p.domain);
    const { pubsub } = p.host;
    pubsub.topicValidators.set(this.topics.proposal, (peer, msg) => this.validate("proposal", peer, msg));
    pubsub.topicValidators.set(this.topics.attestation, (peer, msg) => this.validate("attestation", peer, msg));
    pubsub.subscribe(this.topics.proposal);
    pubsub.subscribe(this.topics.attestation);
  }

  /** The node's attester: its keys sign valid proposals of their committees. */
  setAttester(attester: Attester | undefined): void {
    this.attester = attester;
  }

  async collect(request: AttestationRequest): Promise<CollectedAttestations> {
    const { header, committee } = request;
    const headerHash = hashHeader(header);
    const collected: CollectedAttestations = { signatures: [], refusals: [] };
    const local = await this.attester?.handle(request);
    if (local?.status === "refused") collected.refusals.push(local);
    if (local?.status === "signed") this.addToPool(header.slot, headerHash, local.signatures);
    const epochCommittee = await this.p.committee(epochOf(this.p.clock, header.slot));
    const proposer = epochCommittee === undefined ? undefined : proposerOf(epochCommittee, header.slot);
    const own = local?.status === "signed" ? local.signatures.find((s) => same(s.attester, proposer)) : undefined;
    const needed = committee.length === 0 ? 0 : requiredAttestations(committee.length);
    if (own !== undefined && !this.published.has(headerHash)) {
      const message: ProposalMessage = { header, blobs: [...request.blobs], signature: own.signature };
      this.published.add(headerHash);
      await this.publish("proposal", encodeProposal(message));
    }
    await this.until(() => this.count(headerHash, committee) >= needed, this.p.timeoutMs);
    const signatures = this.pool.get(headerHash)?.signatures ?? new Map<string, Hex>();
    for (const [attester, signature] of signatures)
      if (committee.some((m) => same(m, attester as Address)))
        collected.signatures.push({ attester: attester as Address, signature });
    return collected;
  }

  /** Signatures for `headerHash` from members of `committee`. */
  private count(headerHash: Hex, committee: readonly Address[]): number {
    const signatures = this.pool.get(headerHash)?.signatures;
    if (signatures === undefined) return 0;
    return committee.filter((m) => signatures.has(m.toLowerCase())).length;
  }

  private addToPool(slot: bigint, headerHash: Hex, signatures: readonly { attester: Address; signature: Hex }[]) {
    let entry = this.pool.get(headerHash);
    if (entry === undefined) this.pool.set(headerHash, (entry = { slot, signatures: new Map() }));
    for (const { attester, signature } of signatures) entry.signatures.set(attester.toLowerCase(), signature);
    for (const [hash, e] of this.pool) if (e.slot + KEPT_SLOTS < slot) this.pool.delete(hash);
    for (const wake of [...this.waiters]) wake();
  }

  private until(done: () => boolean, timeoutMs: number): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => (clearTimeout(timer), this.waiters.delete(check), resolve());
      const check = () => {
        if (done()) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.waiters.add(check);
    });
  }

  private async publish(topic: Topic, data: Uint8Array): Promise<void> {
    this.remember(digest(data)); // our own message coming back through a peer is a duplicate
    try {
      await this.p.host.pubsub.publish(this.topics[topic], data);
      this.stats.published[topic]++;
      this.p.metrics?.published(topic);
    } catch (error) {
      this.p.onError?.(`publish ${topic}`, error);
    }
  }

  /** The gossipsub validator of both topics: runs before a message is delivered or forwarded. */
  private async validate(topic: Topic, peer: PeerId, msg: Message): Promise<TopicValidatorResult> {
    this.stats.received[topic]++;
    this.p.metrics?.received(topic);
    const key = digest(msg.data);
    if (this.seen.has(key)) {
      // Its origin sending it again is a flood; an honest peer relaying a copy it saw first is not at fault.
      const fromOrigin = msg.type === "signed" && msg.from.equals(peer);
      return this.drop(
        topic,
        "duplicate",
        peer,
        fromOrigin ? TopicValidatorResult.Reject : TopicValidatorResult.Ignore,
      );
    }
    this.remember(key); // before the first await: concurrent copies are duplicates
    let verdict: Verdict<unknown>;
    try {
      verdict =
        topic === "proposal"
          ? await this.onProposal(await validateProposal(this.context(), msg.data))
          : await this.onAttestations(await validateAttestations(this.context(), msg.data));
    } catch (error) {
      this.forget(key);
      this.p.onError?.(`validate ${topic}`, error);
      return TopicValidatorResult.Ignore; // our side failed (e.g. the RPC): not the peer's fault
    }
    if (verdict.ok && !verdict.late) return TopicValidatorResult.Accept;
    if (verdict.ok) {
      this.stats.late[topic]++;
      this.p.metrics?.late?.(topic);
      return TopicValidatorResult.Ignore; // honest but stale: kept (blobs, signatures), not forwarded
    }
    if (verdict.reason === "unknownCommittee") this.forget(key); // may be valid once our L1 view catches up
    const result = verdict.reason === "unknownCommittee" ? TopicValidatorResult.Ignore : TopicValidatorResult.Reject;
    return this.drop(topic, verdict.reason, peer, result);
  }

  private drop(topic: Topic, reason: DropReason, peer: PeerId, result: TopicValidatorResult): TopicValidatorResult {
    this.stats.dropped.set(reason, (this.stats.dropped.get(reason) ?? 0) + 1);
    this.p.metrics?.dropped(topic, reason);
    this.p.onDrop?.(topic, reason, peer.toString());
    return result;
  }

  private context() {
    return {
      domain: this.p.domain,
      clock: this.p.clock,
      now: () => this.now(),
      freshNow: () => this.now(true),
      committee: this.p.committee,
      verified: this.attester?.verified,
    };
  }

  /** The node's L1 time, asked at most every `NOW_TTL_MS` (every message is checked against it). */
  private now(fresh = false): Promise<bigint> {
    const at = Date.now();
    if (fresh || this.cachedNow === undefined || at - this.cachedNow.at > NOW_TTL_MS) {
      const value = this.p.now();
      this.cachedNow = { at, value };
      value.catch(() => (this.cachedNow = undefined));
    }
    return this.cachedNow.value;
  }

  private async onProposal(v: Verdict<ProposalMessage>): Promise<Verdict<unknown>> {
    if (!v.ok) return v;
    const { header, blobs } = v.message;
    const store = this.p.blobStore;
    if (store !== undefined) for (const b of blobs) store.put(b.blob, { commitment: b.commitment, proof: b.proof });
    this.addToPool(header.slot, hashHeader(header), []);
    if (v.late) return v; // its slot is over: nothing to sign
    void this.attest(v.message, v.committee).catch((error: unknown) => this.p.onError?.("attest", error));
    return v;
  }

  private async onAttestations(
    v: Verdict<{ slot: bigint; headerHash: Hex; attestations: { attester: Address; signature: Hex }[] }>,
  ) {
    if (v.ok) this.addToPool(v.message.slot, v.message.headerHash, v.message.attestations);
    return v;
  }

  /**
   * Asks the node's attester to sign a valid proposal, again every `RETRY_MS` while the node's follower has not
   * reached the block the proposal extends (or the node's L1 view is still in the previous slot), until its slot
   * is over; gossips the signatures it got.
   */
  private async attest(proposal: ProposalMessage, committee: EpochCommittee): Promise<void> {
    const attester = this.attester;
    if (attester === undefined) return;
    const request: AttestationRequest = {
      header: proposal.header,
      blobs: proposal.blobs,
      committee: committee.committee,
    };
    const slot = proposal.header.slot;
    for (let tries = 1; ; tries++) {
      const result = await attester.handle(request);
      if (result.status === "signed") {
        const headerHash = result.headerHash;
        this.addToPool(slot, headerHash, result.signatures);
        await this.publish("attestation", encodeAttestations({ slot, headerHash, attestations: result.signatures }));
        this.p.onAttest?.(slot, "signed", `${result.signatures.length} signatures`, tries);
        return;
      }
      const current = slotAt(this.p.clock, await this.p.now());
      // Not there yet: its follower behind the proposal's parent, or re-checking the parent's blobs, or its L1 view.
      const waiting =
        result.reason === "notOnTip" ||
        result.reason === "tipUnavailable" ||
        (result.reason === "wrongSlot" && slot > current);
      if (!waiting || current > slot) return this.p.onAttest?.(slot, result.reason, result.detail, tries);
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  private remember(key: string): void {
    this.seen.add(key);
    this.seenOrder.push(key);
    if (this.seenOrder.length > 10_000) this.seen.delete(this.seenOrder.shift()!);
  }

  private forget(key: string): void {
    this.seen.delete(key);
  }
}

const digest = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

function same(a: Address | string, b: Address | string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}
