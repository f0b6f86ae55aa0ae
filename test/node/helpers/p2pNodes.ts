import type { LocalAccount } from "viem";
import { Attester } from "../../../src/node/actors/Attester.js";
import { CommitteeCache } from "../../../src/node/actors/CommitteeCache.js";
import { followerChainReader } from "../../../src/node/actors/followerChainReader.js";
import { Sequencer, type SequencerTick } from "../../../src/node/actors/Sequencer.js";
import { BlobFetcher } from "../../../src/node/blobs/BlobFetcher.js";
import { LocalBlobStore } from "../../../src/node/blobs/LocalBlobStore.js";
import { serveBlobs } from "../../../src/node/p2p/blobExchange.js";
import { loadPeerIdentity } from "../../../src/node/p2p/peerIdentity.js";
import { P2PHost } from "../../../src/node/p2p/P2PHost.js";
import { P2PNetwork, topicsOf } from "../../../src/node/p2p/P2PNetwork.js";
import { validatorAccount } from "../../../src/system/validatorKeys.js";
import { l1Now } from "./actorNodes.js";
import { followerOf, type FollowedSystem } from "./followedSystem.js";

export type P2PTestNode = Awaited<ReturnType<typeof p2pNode>>;

/**
 * One node of the p2p tests: its own follower and store, blob store, attester and sequencer for validators
 * `from..from+count-1`, and a libp2p host on 127.0.0.1 whose network is the sequencer's collector.
 */
export async function p2pNode(s: FollowedSystem, from: number, count: number, bootstrap: string[], timeoutMs = 5_000) {
  const blobs = new LocalBlobStore();
  const follower = followerOf(s, { blobs: new BlobFetcher([blobs]) });
  const store = follower.store;
  const config = await s.system.config();
  const reader = followerChainReader({ store, genesisArchive: config.genesisArchive });
  const domain = { chainId: await s.publicClient.getChainId(), rollup: s.system.rollup.address };
  const accounts: LocalAccount[] = Array.from({ length: count }, (_, k) => validatorAccount(from + k));
  const now = l1Now(s);
  const committees = new CommitteeCache({ publicClient: s.publicClient, rollup: domain.rollup, config, store });
  const host = await P2PHost.start({
    privateKey: await loadPeerIdentity(store.database),
    host: "127.0.0.1",
    port: 0,
    bootstrap,
    topics: Object.values(topicsOf(domain)),
  });
  await serveBlobs(host, blobs);
  const network = new P2PNetwork({
    host,
    domain,
    clock: config.clock,
    now,
    committee: async (epoch) => (await committees.get(epoch)) ?? (await committees.read(epoch)),
    timeoutMs,
    blobStore: blobs,
  });
  network.setAttester(new Attester({ store, reader, clock: config.clock, domain, accounts, now }));
  const sequencer = new Sequencer({
    publicClient: s.publicClient,
    rollup: domain.rollup,
    config,
    reader,
    collector: network,
    accounts,
    walletFor: (a) => s.system.walletFor(a as Parameters<typeof s.system.walletFor>[0]),
    blobStore: blobs,
    store,
  });
  return { from, count, accounts, blobs, follower, store, reader, host, network, sequencer, config, domain };
}

/** Syncs every node's follower, then ticks every sequencer (one of them proposes); returns the ticks. */
export async function stepAll(nodes: readonly P2PTestNode[]): Promise<SequencerTick[]> {
  for (const n of nodes) await n.follower.sync();
  const ticks = await Promise.all(nodes.map((n) => n.sequencer.tick()));
  for (const n of nodes) await n.follower.sync();
  return ticks;
}

/** Waits until every node is connected to at least `peers` peers and meshed on both topics. */
export async function connected(nodes: readonly P2PTestNode[], peers: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = nodes.every(
      (n) =>
        n.host.peers() >= peers &&
        Object.values(n.network.topics).every((t) => n.host.pubsub.getSubscribers(t).length >= peers),
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`nodes not connected to ${peers} peers in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stopAll(nodes: readonly P2PTestNode[]): Promise<void> {
  for (const n of nodes) {
    await n.host.stop();
    n.store.close();
    n.blobs.close();
  }
}
