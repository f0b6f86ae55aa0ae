import {
  type Account,
  type Address,
  type Chain,
  createWalletClient,
  custom,
  keccak256,
  type LocalAccount,
  type PublicClient,
  toHex,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { ReadRollupConfigReturnType } from "../chain/readRollupConfig.js";
import { KzgWorkerEncoder } from "../blob/BlobEncoder.js";
import { LocalBlobStore } from "../node/blobs/LocalBlobStore.js";
import { InProcessCollector } from "../node/actors/AttestationCollector.js";
import type { SequencerTick } from "../node/actors/Sequencer.js";
import type { FollowedContracts } from "../node/follower/decodeLogs.js";
import type { FollowReport } from "../node/follower/followReport.js";
import { RollupNode, type RollupNodeParameters } from "../node/RollupNode.js";
import type { EquivocationEvidence } from "../node/slasher/offences.js";
import type { SlasherTick } from "../node/slasher/SlasherActor.js";
import { loadCKzg } from "../prover/loadCKzg.js";
import { validatorAccount } from "../system/validatorKeys.js";
import type { SimulatedL1 } from "./SimulatedL1.js";
import type { SummarySource } from "./summarize.js";

/** What a node follows: a Rollup's contracts, their deployment block and the Rollup's configuration. */
export type FollowedChain = { contracts: FollowedContracts; startBlock: bigint; config: ReadRollupConfigReturnType };

/** The client version of the check that rebuilds a node's state from L1 at the end of a run. */
const CHECK_VERSION = "sp-testnet-node/resync-check";

/** The prover's key in simulated networks (not a validator). */
export const PROVER_ACCOUNT = privateKeyToAccount(keccak256(toHex("sp-testnet simulated prover")));

export type SimulatedNetworkParameters = {
  l1: SimulatedL1;
  client: PublicClient;
  chain: Chain;
  contracts: FollowedContracts;
  startBlock: bigint;
  config: ReadRollupConfigReturnType;
  validators: number;
  nodes: number;
  txsPerBlock: number;
  inboxHeight: number;
  clientVersion: string;
  /** The run's seed (payloads are drawn from it). */
  seed: string;
  /** The slashing contracts and the policy every node's slasher applies (absent: no slasher runs). */
  slashing?: RollupNodeParameters["slashing"];
  /** Keys offline in a slot (the run's fault). */
  offline: (account: Address, slot: bigint) => boolean;
};

/**
 * The nodes of a simulated network: validators `0..n-1` spread over `nodes` nodes (node k runs every key i with
 * i mod nodes = k), each a `RollupNode` with its own store and follower; node 0 also proves. Attestations are
 * collected in process from every node's attester. Blobs: each node keeps those its sequencer sent, and a shared
 * store stands in for L1's blob availability (the Beacon API): a proposer publishes there unless it withholds.
 */
export class SimulatedNetwork {
  readonly beacon = new LocalBlobStore();
  readonly collector = new InProcessCollector();
  /** One KZG worker process for every node's sequencer: blob proofs are computed off the run's thread, ahead. */
  private readonly kzgWorker = new KzgWorkerEncoder();
  nodes: RollupNode[] = [];
  /** Node 0 of the Rollup before a hard fork: it keeps following and proving the old chain to its end. */
  retired: RollupNode | undefined;
  /** 1 before a hard fork, 2 after. */
  version = 1;
  private retiredChain: FollowedChain | undefined;
  private readonly ownBlobs: LocalBlobStore[];
  private readonly keys: LocalAccount[][];
  private readonly wallets = new Map<string, WalletClient<Transport, Chain, Account>>();

  constructor(private readonly p: SimulatedNetworkParameters) {
    this.keys = Array.from({ length: p.nodes }, () => []);
    for (let i = 0; i < p.validators; i++) this.keys[i % p.nodes].push(validatorAccount(i));
    this.ownBlobs = this.keys.map(() => new LocalBlobStore());
  }

  /** The contracts the nodes follow now. */
  get contracts(): FollowedContracts {
    return this.p.contracts;
  }

  /** Funds every key (validators and the prover) and opens the nodes. */
  async start(): Promise<void> {
    const accounts = [...this.keys.flat(), PROVER_ACCOUNT];
    for (const a of accounts)
      await this.p.l1.provider.request({ method: "hardhat_setBalance", params: [a.address, toHex(10n ** 21n)] });
    this.open(this.p.clientVersion);
  }

  /** Opens every node on a fresh store (a resync from L1) with `clientVersion`. */
  private open(clientVersion: string): void {
    this.collector.clear();
    this.nodes = this.keys.map((_, k) => {
      const node = RollupNode.open(this.nodeParameters(k, clientVersion));
      if (node.attester !== undefined) this.collector.add(node.attester);
      return node;
    });
  }

  private nodeParameters(k: number, clientVersion: string): RollupNodeParameters {
    return {
      name: `node-${k}`,
      client: this.p.client,
      chainId: this.p.chain.id,
      contracts: this.p.contracts,
      startBlock: this.p.startBlock,
      config: this.p.config,
      storePath: ":memory:",
      clientVersion,
      blobSources: [this.ownBlobs[k], this.beacon],
      blobStore: this.ownBlobs[k],
      validators: this.keys[k],
      collector: this.collector,
      walletFor: async (account) => this.walletFor(account),
      now: () => this.p.l1.now(),
      txCount: this.p.txsPerBlock,
      payloadSeed: `${this.p.seed}/payloads`,
      inboxHeight: this.p.inboxHeight,
      paused: this.p.offline,
      prover: k === 0 ? { walletClient: this.walletFor(PROVER_ACCOUNT), kzg: loadCKzg() } : undefined,
      slashing: this.p.slashing,
      blobEncoder: this.kzgWorker,
    };
  }

  /**
   * The hard fork's switch: every node moves to the new Rollup (a new store for its chain), except that node 0's
   * old instance stays open as `retired` to prove the old chain's last epochs.
   */
  async switchRollup(next: FollowedChain) {
    this.nodes.forEach((node, k) => (k === 0 ? (this.retired = node) : node.close()));
    this.retiredChain = { contracts: this.p.contracts, startBlock: this.p.startBlock, config: this.p.config };
    Object.assign(this.p, next);
    this.version++;
    this.open(this.nodes[0].store.meta("client_version") ?? this.p.clientVersion);
    return this.syncAll();
  }

  /**
   * The soft fork: every node stops, upgrades to `clientVersion` and rebuilds its state from L1 on an empty
   * store (blobs checked again). Returns each node's resync report.
   */
  async upgradeAndResync(clientVersion: string): Promise<FollowReport[]> {
    for (const node of this.nodes) node.close();
    this.open(clientVersion);
    return this.syncAll();
  }

  /** Brings every node's follower to the L1 head. */
  async syncAll(): Promise<FollowReport[]> {
    const [reports] = await Promise.all([
      Promise.all(this.nodes.map((node) => node.follower.sync())),
      this.retired?.follower.sync(),
    ]);
    return reports;
  }

  /** One sequencer step on every node (followers synced first and after). */
  async sequencerTicks(): Promise<SequencerTick[]> {
    const ticks: SequencerTick[] = [];
    for (const node of this.nodes) if (node.sequencer !== undefined) ticks.push(await node.sequencer.tick());
    return ticks;
  }

  /**
   * The dump of node `k`'s state rebuilt from L1 alone: a fresh node with the same blob sources reads the whole
   * chain. Equal to node k's own dump when nothing was lost or counted twice on its way through reorgs and prunes.
   */
  async resyncDump(k: number, chain: "current" | "retired" = "current"): Promise<string> {
    const fresh = RollupNode.open({
      ...this.nodeParameters(k, CHECK_VERSION),
      ...(chain === "retired" ? this.retiredChain : {}),
      validators: [],
      prover: undefined,
      slashing: undefined,
      follower: { maxRange: 97 }, // other ranges than the run's follower read with
    });
    try {
      await fresh.follower.sync();
      return fresh.store.dump();
    } finally {
      fresh.close();
    }
  }

  /**
   * What the report reads: one chain per Rollup the run produced on (v1 from node 0 of the time, retired at a hard
   * fork, then v2), and every node's state (or node 0's, the prover's) against a resync.
   */
  summarySource(): SummarySource {
    const chains = [
      { version: 1, node: this.retired ?? this.nodes[0] },
      ...(this.retired === undefined ? [] : [{ version: 2, node: this.nodes[0] }]),
    ];
    const consistency = async (all: boolean) => {
      const checked = all ? this.nodes.map((_, k) => k) : [0];
      const differing: string[] = [];
      for (const k of checked)
        if ((await this.resyncDump(k)) !== this.nodes[k].store.dump()) differing.push(this.nodes[k].name);
      if (this.retired !== undefined && (await this.resyncDump(0, "retired")) !== this.retired.store.dump())
        differing.push(`${this.retired.name} (v1)`);
      const total = checked.length + (this.retired === undefined ? 0 : 1);
      return { checked: total, consistent: total - differing.length, differing };
    };
    return { chains, consistency };
  }

  /** One slasher step on every node (after the slot's proposal): signals when proposing, executes winners. */
  async slasherTicks(): Promise<SlasherTick[]> {
    const ticks: SlasherTick[] = [];
    for (const node of this.nodes) if (node.slasher !== undefined) ticks.push(await node.slasher.tick());
    return ticks;
  }

  /** Hands equivocation evidence the network saw to every node's slasher. */
  async reportEquivocation(evidence: EquivocationEvidence): Promise<void> {
    for (const node of this.nodes) await node.slasher?.reportEquivocation(evidence);
  }

  /** Publishes a proposal's blobs where every node can have them (an honest proposer). */
  publish(blobs: readonly { blob: `0x${string}`; commitment: `0x${string}`; proof?: `0x${string}` }[]): void {
    for (const { blob, commitment, proof } of blobs) this.beacon.put(blob, { commitment, proof });
  }

  /** A funded wallet of a local key, sending through the simulated L1. */
  walletFor(account: LocalAccount): WalletClient<Transport, Chain, Account> {
    let wallet = this.wallets.get(account.address);
    if (wallet === undefined) {
      wallet = createWalletClient({ account, chain: this.p.chain, transport: custom(this.p.l1.provider) });
      this.wallets.set(account.address, wallet);
    }
    return wallet;
  }

  close(): void {
    for (const node of this.nodes) node.close();
    this.retired?.close();
    for (const store of [...this.ownBlobs, this.beacon]) store.close();
    this.kzgWorker.close();
  }
}
