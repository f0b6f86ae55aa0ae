import type { Address, Hex, LocalAccount, PublicClient, WalletClient } from "viem";
import { rollupAbi } from "../../chain/abi.js";
import type { ReadRollupConfigReturnType } from "../../chain/readRollupConfig.js";
import { epochOf, slotAt, slotStart } from "../../chain/time.js";
import { emptyInboxRoot, inboxRoots } from "../../messaging/inboxTrees.js";
import { computeCommittee, type EpochCommittee, proposerOf } from "../../committee/computeCommittee.js";
import {
  type EncodedAttestations,
  encodeAttestations,
  packCommittee,
  requiredAttestations,
} from "../../sequencer/attestations.js";
import type { BlobEncoder } from "../../blob/BlobEncoder.js";
import type { EncodedBlobs } from "../../blob/encodeBlobs.js";
import { buildBlock, type BuiltBlock } from "../../sequencer/buildBlock.js";
import { encodeBlockData } from "../../sequencer/encodeBlockData.js";
import { proposeBlock } from "../../sequencer/proposeBlock.js";
import { randomTxPayloads, seededRandomBytes } from "../../sequencer/randomTxPayloads.js";
import { fastHexToBytes as hexToBytes } from "../../blob/hexBytes.js";
import type { LocalBlobStore } from "../blobs/LocalBlobStore.js";
import type { VerifiedBlobs } from "../blobs/VerifiedBlobs.js";
import type { NodeStore } from "../store/NodeStore.js";
import { canPruneAt, predictPrune } from "../follower/prunePrediction.js";
import type { AttestationCollector } from "./AttestationCollector.js";
import { CommitteeCache } from "./CommitteeCache.js";
import type { FollowerChainReader } from "./followerChainReader.js";

/** What the sequencer sent (or would send) in a slot: enough to resend it by hand. */
export type SentProposal = { block: BuiltBlock; attestations: EncodedAttestations; committee: Hex; proposer: Address };

/** What one `tick` did. */
export type SequencerTick =
  | { status: "notProposer"; slot: bigint; proposer: Address | undefined } // another node's slot
  | { status: "paused"; slot: bigint; proposer: Address } // our key's slot, but the key is paused
  | { status: "alreadyProposed"; slot: bigint; blockNumber: bigint } // the tip already holds this slot's block
  | { status: "tipUnavailable"; slot: bigint; blockNumber: bigint } // the tip's blobs were not had: no building on it
  | { status: "pruned"; slot: bigint; epoch: bigint; txHash: Hex } // the unproven epoch's window passed: pruned first
  | { status: "notEnoughAttestations"; slot: bigint; got: number; needed: number; refusals: string[] }
  | {
      status: "proposed";
      slot: bigint;
      blockNumber: bigint;
      archive: Hex;
      txHash: Hex;
      /** The same block sent again (a reorg dropped the first one). */
      reproposal: boolean;
      attestations: number;
      proposal: SentProposal;
    }
  | { status: "failed"; slot: bigint; txHash?: Hex; reason: string }; // refused or reverted: retried next tick

export type SequencerParameters = {
  publicClient: PublicClient;
  rollup: Address;
  config: ReadRollupConfigReturnType;
  reader: FollowerChainReader;
  collector: AttestationCollector;
  /** The validator keys this node proposes with. */
  accounts: readonly LocalAccount[];
  /** A (funded) wallet client of one of `accounts`: blob transactions are signed locally. */
  walletFor: (account: LocalAccount) => Promise<WalletClient>;
  /** Where the blobs it sends are kept (the node's blob source). */
  blobStore?: LocalBlobStore;
  /** The current time in L1 seconds (default: the latest L1 block's timestamp + 1). */
  now?: () => Promise<bigint>;
  txCount?: number;
  txSize?: number;
  /** Payloads drawn from this seed and the slot (a reproducible simulated run); default: random. */
  payloadSeed?: string;
  /** Keys the operator paused (maintenance, a simulated outage): they propose nothing while paused. */
  paused?: (account: Address, slot: bigint) => boolean;
  /** The height of the Rollup's Inbox trees (`Inbox.HEIGHT()`); without it blocks consume no Inbox (`inHash` 0). */
  inboxHeight?: number;
  /** The node's store: the committee cache checks there that L1 did not reorganise under it. */
  store?: NodeStore;
  /** The node's record of checked blobs: the blobs it encodes itself are known good (its attester skips them). */
  verified?: VerifiedBlobs;
  /**
   * Encodes blobs off this thread (a KZG worker): the sequencer then encodes the payload of its keys' next slot in
   * the epoch ahead of time, while the node follows and attests. Without it, a block is encoded when it is built.
   */
  blobEncoder?: BlobEncoder;
};

/** A slot's transactions, and (with a blob encoder) their blobs being encoded. */
type Payload = { txs: Hex[]; encoded?: Promise<{ data: Hex; blobs: EncodedBlobs }> };

/**
 * The sequencer: call `tick()` on every new L1 block (after the follower's sync). When one of its keys proposes
 * the current slot and the follower's pending tip holds no block of that slot yet, it builds the next block on
 * that tip, collects the committee's signatures through the collector and sends the type-3 proposal. A reorg that
 * dropped the proposal leaves the tip below the slot again, so the next tick in the same slot sends the same
 * block again (the attesters sign it again; a different one they would refuse); once the slot passed, the next
 * slot's proposer builds on whatever tip the follower holds. When the proof window of the first unproven epoch has
 * closed, the slot's proposer prunes the chain first (`Rollup.prune`) and the next tick builds on the proven tip.
 * With `inboxHeight` the block's `inHash` is the root of the Inbox tree it consumes, from the follower's messages.
 */
export class Sequencer {
  /** Blocks built per slot, with the tip they extend (a re-proposal reuses them). */
  private readonly built = new Map<bigint, { parent: Hex; block: BuiltBlock; sent: boolean }>();
  /** Each slot's payload, drawn once (and encoded ahead with a blob encoder). */
  private readonly payloads = new Map<bigint, Payload>();

  /** The committee of each epoch whose seed is fixed, read once (see `CommitteeCache`). */
  private readonly committees: CommitteeCache;

  constructor(private readonly p: SequencerParameters) {
    this.committees = new CommitteeCache(p);
  }

  async tick(): Promise<SequencerTick> {
    const { clock } = this.p.config;
    const now = this.p.now === undefined ? (await this.p.publicClient.getBlock()).timestamp + 1n : await this.p.now();
    const slot = slotAt(clock, now);
    const epoch = epochOf(clock, slot);
    const read = { address: this.p.rollup, abi: rollupAbi } as const;
    const committeeBefore = (await this.committees.get(epoch)) ?? (await this.committees.read(epoch));
    const seedFixed = committeeBefore !== undefined;
    const proposerBefore = committeeBefore === undefined ? undefined : proposerOf(committeeBefore, slot);
    if (committeeBefore !== undefined && this.own(proposerBefore) === undefined) {
      this.prepareNext(committeeBefore, slot);
      return { status: "notProposer", slot, proposer: proposerBefore };
    }
    if (!seedFixed) {
      // Nobody set up the previous epoch: the seed is fixed by this epoch's first setup, so set up before sampling.
      const wallet = await this.p.walletFor(this.p.accounts[0]);
      const hash = await wallet.writeContract({
        ...read,
        functionName: "setupEpoch",
        account: wallet.account!,
        chain: wallet.chain,
      });
      await this.p.publicClient.waitForTransactionReceipt({ hash });
    }
    const committee = committeeBefore ?? (await this.committees.read(epoch)) ?? (await this.committee(epoch));
    const proposerAddress = proposerOf(committee, slot);
    const proposer = this.own(proposerAddress);
    if (proposer === undefined) return { status: "notProposer", slot, proposer: proposerAddress };
    if (this.p.paused?.(proposer.address, slot) === true) return { status: "paused", slot, proposer: proposer.address };

    const due = await this.pruneDue(now);
    if (due !== undefined) {
      // Nothing built on an unprovable epoch can be proven: roll the chain back first (the next tick builds).
      const wallet = await this.p.walletFor(proposer);
      try {
        const txHash = await wallet.writeContract({
          ...read,
          functionName: "prune",
          account: wallet.account!,
          chain: wallet.chain,
        });
        const receipt = await this.p.publicClient.waitForTransactionReceipt({ hash: txHash });
        if (receipt.status !== "success") return { status: "failed", slot, txHash, reason: "prune reverted" };
        return { status: "pruned", slot, epoch: due, txHash };
      } catch (error) {
        return { status: "failed", slot, reason: `prune: ${(error as Error).message.split("\n")[0]}` };
      }
    }
    const tip = await this.p.reader.pendingTip();
    const tipRow = this.p.reader.block(tip.blockNumber);
    if (tipRow !== undefined && tipRow.slot >= slot)
      return { status: "alreadyProposed", slot, blockNumber: tip.blockNumber };
    if (tipRow?.availability === "unavailable") return { status: "tipUnavailable", slot, blockNumber: tip.blockNumber };

    const cached = this.built.get(slot);
    const reproposal = cached !== undefined && cached.parent === tip.archive && cached.sent;
    const payload = this.payload(slot);
    const block =
      cached !== undefined && cached.parent === tip.archive
        ? cached.block
        : buildBlock({
            parent: tip,
            slot,
            timestamp: slotStart(clock, slot),
            coinbase: proposer.address,
            txs: payload.txs,
            // A failed worker (it died) costs nothing but time: the block is then encoded here.
            encoded: await payload.encoded?.catch(() => undefined),
            inHash: this.inHash(tip.blockNumber + 1n),
          });
    if (cached?.block !== block)
      for (const { blob, commitment, proof } of sidecarsOf(block))
        this.p.verified?.add(hexToBytes(blob), hexToBytes(commitment), hexToBytes(proof));
    this.built.set(slot, { parent: tip.archive, block, sent: cached?.sent ?? false });
    for (const old of this.built.keys()) if (old + clock.epochDuration < slot) this.built.delete(old);
    this.prepareNext(committee, slot);

    const collected = await this.p.collector.collect({
      header: block.header,
      blobs: sidecarsOf(block),
      committee: committee.committee,
    });
    const byIndex = new Map<number, Hex>();
    for (const { attester, signature } of collected.signatures) {
      const index = committee.committee.findIndex((m) => m.toLowerCase() === attester.toLowerCase());
      if (index >= 0) byIndex.set(index, signature);
    }
    const needed = committee.committee.length === 0 ? 0 : requiredAttestations(committee.committee.length);
    if (byIndex.size < needed)
      return {
        status: "notEnoughAttestations",
        slot,
        got: byIndex.size,
        needed,
        refusals: collected.refusals.map((r) => `${r.reason}: ${r.detail}`),
      };

    const proposal: SentProposal = {
      block,
      attestations: encodeAttestations(byIndex),
      committee: packCommittee(committee.committee),
      proposer: proposer.address,
    };
    const store = this.p.blobStore;
    if (store !== undefined)
      for (const { blob, commitment, proof } of sidecarsOf(block)) store.put(blob, { commitment, proof });
    let txHash: Hex | undefined;
    try {
      txHash = await proposeBlock({
        wallet: await this.p.walletFor(proposer),
        rollup: this.p.rollup,
        header: block.header,
        attestations: proposal.attestations,
        committee: proposal.committee,
        blobs: block.blobs.blobs,
        packedCommitments: block.blobs.packedCommitments,
        sidecars: block.blobs,
      });
      const receipt = await this.p.publicClient.waitForTransactionReceipt({ hash: txHash });
      if (receipt.status !== "success") return { status: "failed", slot, txHash, reason: "reverted" };
    } catch (error) {
      return { status: "failed", slot, txHash, reason: (error as Error).message.split("\n")[0] };
    }
    this.built.get(slot)!.sent = true;
    const { blockNumber, archive } = block.header;
    return { status: "proposed", slot, blockNumber, archive, txHash, reproposal, attestations: byIndex.size, proposal };
  }

  /** The transactions of `slot` (seeded or random, drawn once), encoding ahead when there is a blob encoder. */
  private payload(slot: bigint, ahead = false): Payload {
    let payload = this.payloads.get(slot);
    if (payload === undefined) {
      const txs = randomTxPayloads({
        txCount: this.p.txCount ?? 1,
        txSize: this.p.txSize ?? 128,
        randomBytes: this.p.payloadSeed === undefined ? undefined : seededRandomBytes(`${this.p.payloadSeed}/${slot}`),
      });
      payload = { txs };
      const encoder = this.p.blobEncoder;
      if (encoder !== undefined) {
        const data = encodeBlockData(txs);
        payload.encoded = encoder.encode(data, slot).then((blobs) => ({ data, blobs }));
        // A slot prepared ahead may never be proposed (paused, reorged away): its failure is not unhandled.
        if (ahead) payload.encoded.catch(() => {});
      }
      this.payloads.set(slot, payload);
      for (const old of this.payloads.keys())
        if (old < slot - this.p.config.clock.epochDuration) this.payloads.delete(old);
    }
    return payload;
  }

  /**
   * With a blob encoder: starts encoding the payloads of the next PREPARED_AHEAD slots of this epoch the node's
   * keys propose (more than one: a shared worker may be busy with other nodes' slots; it serves the earliest).
   */
  private prepareNext(committee: EpochCommittee, slot: bigint): void {
    if (this.p.blobEncoder === undefined) return;
    const { epochDuration } = this.p.config.clock;
    const end = (epochOf(this.p.config.clock, slot) + 1n) * epochDuration;
    let prepared = 0;
    for (let next = slot + 1n; next < end && prepared < PREPARED_AHEAD; next++)
      if (this.own(proposerOf(committee, next)) !== undefined) {
        this.payload(next, true);
        prepared++;
      }
  }

  /** The epoch whose proof window closed with blocks of it unproven (the chain must be pruned), if any. */
  private async pruneDue(now: bigint): Promise<bigint | undefined> {
    const { clock, proofs } = this.p.config;
    const prediction = await predictPrune(this.p.reader, clock, proofs.proofSubmissionEpochs);
    return canPruneAt(prediction, now) ? prediction!.epoch : undefined;
  }

  /** The root of Inbox tree `blockNumber` from the messages the follower stored (zero without an Inbox). */
  private inHash(blockNumber: bigint): Hex | undefined {
    const height = this.p.inboxHeight;
    if (height === undefined) return undefined;
    const messages = this.p.reader.inboxMessages(blockNumber);
    return messages.length === 0 ? emptyInboxRoot(height) : inboxRoots(messages, height).get(blockNumber)!;
  }

  private committee(epoch: bigint) {
    return computeCommittee({ client: this.p.publicClient, rollup: this.p.rollup, epoch, config: this.p.config });
  }

  private own(address: Address | undefined): LocalAccount | undefined {
    if (address === undefined) return undefined;
    return this.p.accounts.find((a) => a.address.toLowerCase() === address.toLowerCase());
  }
}

/** The node's own slots whose blobs are being encoded ahead (with a blob encoder). */
const PREPARED_AHEAD = 2;

/** A built block's blobs with the commitment and KZG proof computed when it was built (each computed once). */
export function sidecarsOf(block: BuiltBlock): { blob: Hex; commitment: Hex; proof: Hex }[] {
  const { blobs, commitments, proofs } = block.blobs;
  return blobs.map((blob, i) => ({ blob, commitment: commitments[i], proof: proofs[i] }));
}
