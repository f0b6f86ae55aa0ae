import type { Account, Address, Chain, LocalAccount, PublicClient, Transport, WalletClient } from "viem";
import type { BlobEncoder } from "../blob/BlobEncoder.js";
import type { ReadRollupConfigReturnType } from "../chain/readRollupConfig.js";
import type { CKzg } from "../prover/loadCKzg.js";
import { BlobFetcher, type KeepFetched } from "./blobs/BlobFetcher.js";
import type { LocalBlobStore } from "./blobs/LocalBlobStore.js";
import { type BlobSource, BlobSourceError } from "./blobs/types.js";
import { VerifiedBlobs } from "./blobs/VerifiedBlobs.js";
import type { AttestationCollector } from "./actors/AttestationCollector.js";
import { Attester } from "./actors/Attester.js";
import { createProverActor, type ProverActorTick } from "./actors/createProverActor.js";
import { type FollowerChainReader, followerChainReader } from "./actors/followerChainReader.js";
import { Sequencer } from "./actors/Sequencer.js";
import type { FollowedContracts } from "./follower/decodeLogs.js";
import { L1Follower, type L1FollowerParameters } from "./follower/L1Follower.js";
import { NodeStore, type StoreOpening } from "./store/NodeStore.js";
import type { SlashPolicy } from "./slasher/buildPayload.js";
import { SlasherActor } from "./slasher/SlasherActor.js";

export type RollupNodeParameters = {
  /** A name for logs and reports (e.g. `node-3`). */
  name: string;
  client: PublicClient;
  chainId: number;
  contracts: FollowedContracts;
  /** The first L1 block to read (the deployment block). */
  startBlock: bigint;
  config: ReadRollupConfigReturnType;
  /** The store's file (or `:memory:`) and the client version that writes it. */
  storePath: string;
  clientVersion: string;
  /** Rebuild the store's L1-derived state from `startBlock` on open (`node:run --resync`). */
  resync?: boolean;
  /** Where the node checks blobs, in order (its own blob store first, then e.g. a Beacon node). */
  blobSources: readonly BlobSource[];
  /** Where its sequencer keeps the blobs it sends (served to the network by the node). */
  blobStore?: LocalBlobStore;
  /** Sources whose verified blobs the node also keeps in `blobStore` (`node:run`: its peers, `p2p`). */
  keepBlobsFrom?: readonly string[];
  /** The validator keys the node runs (sequencer and attester); none: a follower (and prover) only. */
  validators: readonly LocalAccount[];
  /** How its sequencer reaches the committee (in process, or the network). */
  collector: AttestationCollector;
  /** A funded wallet client for one of its keys (blob transactions are signed locally). */
  walletFor: (account: LocalAccount) => Promise<WalletClient>;
  /** The current time in L1 seconds. */
  now: () => Promise<bigint>;
  /** Transactions per block and their size (random payloads). */
  txCount?: number;
  txSize?: number;
  /** Payloads drawn from this seed and the slot (reproducible simulated runs). */
  payloadSeed?: string;
  /** Keys paused by the operator (or a simulated outage): they neither propose nor attest while paused. */
  paused?: (account: Address, slot: bigint) => boolean;
  /** The height of the Rollup Inbox's trees: blocks consume them (`inHash`). */
  inboxHeight?: number;
  /** Run a prover, sending from this wallet. */
  prover?: { walletClient: WalletClient<Transport, Chain, Account>; kzg: CKzg };
  /** Run the slasher (detect offences, signal the round's payload when proposing, execute winners). */
  slashing?: {
    slashingProposer: Address;
    slasher: Address;
    factory: Address;
    policy: SlashPolicy;
    /** Sends the slashing transactions (the proposers only sign their signals): `node:run`'s publisher. */
    publisher?: WalletClient;
  };
  /** Encodes blobs off the node's thread (a KZG worker): its sequencer then encodes its next slot ahead. */
  blobEncoder?: BlobEncoder;
  /** Further follower options (horizon, ranges, retries). */
  follower?: Partial<Omit<L1FollowerParameters, "client" | "store" | "contracts" | "startBlock" | "blobs">>;
};

/**
 * One node: its store (SQLite), the L1 follower that writes it — the one view of L1 its actors read — and the
 * actors it runs: an attester, a sequencer and (with `slashing`) a slasher for its validator keys, and optionally a
 * prover. A node hosts many
 * validators with one follower and one blob check per block. `open` reopens an existing store (a restart
 * continues where it stopped); after a client upgrade that changed the schema, the store is rebuilt from L1.
 */
export class RollupNode {
  readonly reader: FollowerChainReader;
  readonly attester: Attester | undefined;
  readonly sequencer: Sequencer | undefined;
  readonly slasher: SlasherActor | undefined;
  private readonly proverActor: ReturnType<typeof createProverActor> | undefined;

  private constructor(
    readonly name: string,
    readonly store: NodeStore,
    readonly follower: L1Follower,
    p: RollupNodeParameters,
    verified: VerifiedBlobs,
  ) {
    const { config } = p;
    this.reader = followerChainReader({ store, genesisArchive: config.genesisArchive });
    const domain = { chainId: p.chainId, rollup: p.contracts.rollup };
    const keyed = p.validators.length > 0;
    this.attester = keyed
      ? new Attester({
          store,
          reader: this.reader,
          clock: config.clock,
          domain,
          accounts: p.validators,
          now: p.now,
          paused: p.paused,
          verified,
        })
      : undefined;
    this.sequencer = keyed
      ? new Sequencer({
          publicClient: p.client,
          rollup: p.contracts.rollup,
          config,
          reader: this.reader,
          collector: p.collector,
          accounts: p.validators,
          walletFor: p.walletFor,
          blobStore: p.blobStore,
          now: p.now,
          txCount: p.txCount,
          txSize: p.txSize,
          payloadSeed: p.payloadSeed,
          inboxHeight: p.inboxHeight,
          paused: p.paused,
          store,
          verified,
          blobEncoder: p.blobEncoder,
        })
      : undefined;
    this.slasher =
      p.slashing === undefined || !keyed
        ? undefined
        : new SlasherActor({
            ...p.slashing,
            store,
            publicClient: p.client,
            rollup: p.contracts.rollup,
            config,
            domain,
            accounts: p.validators,
            walletFor: p.walletFor,
            now: p.now,
          });
    this.proverActor =
      p.prover === undefined
        ? undefined
        : createProverActor({
            publicClient: p.client,
            walletClient: p.prover.walletClient,
            rollup: p.contracts.rollup,
            clock: config.clock,
            kzg: p.prover.kzg,
            proofSubmissionEpochs: config.proofs.proofSubmissionEpochs,
            store,
            reader: this.reader,
            blobs: new BlobFetcherSource(p.blobSources, verified, keepOf(p)),
          });
  }

  /** Opens (or creates) the node's store and wires its follower and actors. */
  static open(p: RollupNodeParameters): RollupNode {
    const store = NodeStore.open({
      path: p.storePath,
      clientVersion: p.clientVersion,
      identity: { chainId: p.chainId, contracts: p.contracts, startBlock: p.startBlock },
      onSchemaChange: "resync",
      resync: p.resync,
    });
    // One record of checked blobs per node: its follower, attester and prover check each blob once.
    const verified = new VerifiedBlobs();
    const follower = new L1Follower({
      ...p.follower,
      client: p.client,
      store,
      contracts: p.contracts,
      startBlock: p.startBlock,
      blobs: new BlobFetcher(p.blobSources, verified, keepOf(p)),
      config: p.config,
    });
    return new RollupNode(p.name, store, follower, p, verified);
  }

  /** How the store was found when the node opened (created, reopened, migrated, resynced). */
  get opening(): StoreOpening {
    return this.store.opening;
  }

  /** Whether the node runs a prover. */
  get proves(): boolean {
    return this.proverActor !== undefined;
  }

  /** One prover step (none when the node runs no prover). */
  async proverTick(): Promise<ProverActorTick | undefined> {
    return this.proverActor?.tick();
  }

  close(): void {
    this.store.close();
  }
}

/** The node's blob sources as one source for its prover: the first that serves matching blobs. */
class BlobFetcherSource implements BlobSource {
  readonly name = "node";
  private readonly fetcher: BlobFetcher;

  constructor(sources: readonly BlobSource[], verified: VerifiedBlobs, keep: KeepFetched | undefined) {
    this.fetcher = new BlobFetcher(sources, verified, keep);
  }

  async blobsFor(query: Parameters<BlobSource["blobsFor"]>[0]) {
    const check = await this.fetcher.check(query);
    if (check.availability === "unavailable") throw new BlobSourceError(this.name, check.reason);
    // The commitments the check verified (the prover does not compute them again).
    return check.blobs.map((blob, i) => ({ blob, commitment: check.commitments[i] }));
  }
}

/** Where the node keeps blobs it fetched (none unless both a store and sources to keep from are given). */
function keepOf(p: RollupNodeParameters): KeepFetched | undefined {
  return p.blobStore === undefined || p.keepBlobsFrom === undefined || p.keepBlobsFrom.length === 0
    ? undefined
    : { store: p.blobStore, from: p.keepBlobsFrom };
}
