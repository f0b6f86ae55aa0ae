import { createServer } from "node:net";
import type { Address, PublicClient } from "viem";
import type { ReadRollupConfigReturnType } from "../../chain/readRollupConfig.js";
import { CommandError } from "../../cli/CommandError.js";
import { oneLineMessage } from "../../cli/runCommandLine.js";
import { CommitteeCache } from "../actors/CommitteeCache.js";
import type { LocalBlobStore } from "../blobs/LocalBlobStore.js";
import { P2PHost } from "../p2p/P2PHost.js";
import { P2PNetwork, topicsOf } from "../p2p/P2PNetwork.js";
import { loadPeerIdentity } from "../p2p/peerIdentity.js";
import { P2PBlobSource, serveBlobs } from "../p2p/blobExchange.js";
import type { NodeStore } from "../store/NodeStore.js";
import { openDatabase } from "../store/openDatabase.js";
import type { NodeMetrics } from "./metrics.js";

/** `node:run`'s p2p options (parsed by `parseNodeRunArgs`; absent: attestations are collected in process). */
export type P2POptions = {
  host: string;
  /** 0: any free port (the chosen one is logged). */
  port: number;
  announce: string[];
  bootstrap: string[];
  attestationTimeoutMs: number;
};

/** How long a node with bootstrap peers waits for one before it starts following (it may need their blobs). */
const BOOTSTRAP_WAIT_MS = 10_000;

/** Refuses a p2p port in use before anything is written (a one-line error). */
export async function checkP2PPort(o: P2POptions): Promise<void> {
  if (o.port === 0) return;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new CommandError(
          error.code === "EADDRINUSE" ? "The p2p port is in use." : `The p2p port cannot be opened (${error.code}).`,
          "a free --p2p-port (0: any free port)",
          `${o.host}:${o.port}`,
        ),
      ),
    );
    server.listen(o.port, o.host, () => resolve());
  });
  await new Promise((resolve) => server.close(resolve));
}

/**
 * Starts the node's libp2p host with the peer identity of its store file (created there on first start) and
 * the `P2PNetwork` its sequencer collects through; serves its blob store to peers and returns a blob source that
 * asks them (after the blob store, before a Beacon node). The committee view is the node's `CommitteeCache`, bound once
 * the node's store is open (`bind`): until then messages of unknown committees are ignored.
 */
export async function startP2P(p: {
  options: P2POptions;
  storeFile: string;
  chainId: number;
  rollup: Address;
  client: PublicClient;
  config: ReadRollupConfigReturnType;
  blobStore: LocalBlobStore;
  metrics: NodeMetrics;
  onError: (what: string, error: unknown) => void;
  onDrop: (topic: string, reason: string, peer: string) => void;
  onAttest?: (slot: bigint, outcome: string, detail: string, tries: number) => void;
  /** The node was cut off or rejoined (SIGUSR2). */
  onIsolation?: (isolated: boolean) => void;
}) {
  const db = openDatabase(p.storeFile);
  let privateKey;
  try {
    privateKey = await loadPeerIdentity(db);
  } finally {
    db.close();
  }
  const domain = { chainId: p.chainId, rollup: p.rollup };
  let host: P2PHost;
  try {
    host = await P2PHost.start({
      privateKey,
      host: p.options.host,
      port: p.options.port,
      announce: p.options.announce,
      bootstrap: p.options.bootstrap,
      topics: Object.values(topicsOf(domain)),
    });
  } catch (error) {
    throw new CommandError(
      `The p2p host cannot start: ${oneLineMessage(error)}`,
      "a free --p2p-port",
      `${p.options.host}:${p.options.port}`,
    );
  }
  let committees: CommitteeCache | undefined;
  const network = new P2PNetwork({
    host,
    domain,
    clock: p.config.clock,
    now: async () => (await p.client.getBlock()).timestamp + 1n,
    committee: async (epoch) =>
      committees === undefined ? undefined : ((await committees.get(epoch)) ?? (await committees.read(epoch))),
    timeoutMs: p.options.attestationTimeoutMs,
    blobStore: p.blobStore,
    onError: p.onError,
    onDrop: p.onDrop,
    onAttest: p.onAttest,
    metrics: {
      received: (topic) => p.metrics.p2pReceived.inc({ topic }),
      dropped: (topic, reason) => p.metrics.p2pDropped.inc({ topic, reason }),
      published: (topic) => p.metrics.p2pPublished.inc({ topic }),
      late: (topic) => p.metrics.p2pLate.inc({ topic }),
    },
  });
  await serveBlobs(host, p.blobStore);
  const peers = setInterval(() => {
    p.metrics.p2pPeers.set(host.peers());
    for (const [topic, name] of Object.entries(network.topics))
      p.metrics.p2pTopicPeers.set({ topic }, host.pubsub.getSubscribers(name).length);
  }, 1_000);
  // Fault injection (a partition, `LocalTestnet.partition`): SIGUSR2 cuts the node off, the next one heals it.
  const toggle = () =>
    void host.isolate(!host.isolated).then(() => {
      p.metrics.p2pPeers.set(host.peers());
      p.onIsolation?.(host.isolated);
    });
  process.on("SIGUSR2", toggle);
  // A (re)started node asks its peers for the blobs of blocks it missed: give its bootstrap peers a moment first.
  if (p.options.bootstrap.length > 0) {
    const deadline = Date.now() + BOOTSTRAP_WAIT_MS;
    while (host.peers() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    network,
    blobSource: new P2PBlobSource(host),
    bind: (store: NodeStore) => {
      committees = new CommitteeCache({ publicClient: p.client, rollup: p.rollup, config: p.config, store });
    },
    stop: async () => {
      process.off("SIGUSR2", toggle);
      clearInterval(peers);
      await host.stop();
    },
  };
}
