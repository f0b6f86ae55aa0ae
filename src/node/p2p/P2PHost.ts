import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { gossipsub, type GossipSub } from "@libp2p/gossipsub";
import { createPeerScoreParams, createTopicScoreParams } from "@libp2p/gossipsub/score";
import { identify, type Identify } from "@libp2p/identify";
import type { PrivateKey } from "@libp2p/interface";
import { tcp } from "@libp2p/tcp";
import { type Multiaddr, multiaddr } from "@multiformats/multiaddr";
import { createLibp2p, type Libp2p } from "libp2p";

export type P2PHostOptions = {
  privateKey: PrivateKey;
  /** Listening address and port (0: any free port). */
  host: string;
  port: number;
  /** Multiaddrs other peers should dial (e.g. `/ip4/203.0.113.7/tcp/40400`); default: the listening ones. */
  announce?: readonly string[];
  /** Peers dialled at start and re-dialled while disconnected (`/ip4/…/tcp/…/p2p/<peer id>`). */
  bootstrap?: readonly string[];
  /** The topics scored (invalid messages count against the peer that sent them). */
  topics: readonly string[];
};

/** Score thresholds: a peer below `graylistThreshold` has all its RPCs ignored. */
export const SCORE_THRESHOLDS = {
  gossipThreshold: -10,
  publishThreshold: -50,
  graylistThreshold: -80,
  acceptPXThreshold: 10,
  opportunisticGraftThreshold: 20,
} as const;

/** How often a disconnected bootstrap peer is dialled again. */
const REDIAL_MS = 1_000;

/**
 * One libp2p node: TCP, Noise, Yamux, identify and gossipsub (messages signed by the peer key, `StrictSign`). Each
 * topic's score counts invalid deliveries (a message its validator rejected) quadratically, so a peer that sends
 * a handful of invalid messages falls below the graylist threshold and is ignored. Every node of a testnet runs
 * on one host in tests, so IP colocation is not penalised. Bootstrap peers are dialled at start and again while
 * disconnected (a restarted peer is found again).
 */
export class P2PHost {
  private redial: NodeJS.Timeout | undefined;

  private constructor(
    readonly libp2p: Libp2p<{ pubsub: GossipSub; identify: Identify }>,
    private readonly bootstrap: readonly Multiaddr[],
    private readonly gate: { isolated: boolean },
  ) {}

  static async start(o: P2PHostOptions): Promise<P2PHost> {
    const bootstrap = (o.bootstrap ?? []).map((a) => multiaddr(a));
    const topics = Object.fromEntries(
      o.topics.map((t) => [
        t,
        createTopicScoreParams({
          topicWeight: 1,
          timeInMeshWeight: 0.01,
          timeInMeshQuantum: 1_000,
          firstMessageDeliveriesWeight: 0,
          meshMessageDeliveriesWeight: 0,
          meshFailurePenaltyWeight: 0,
          invalidMessageDeliveriesWeight: -2,
          invalidMessageDeliveriesDecay: 0.99,
        }),
      ]),
    );
    // While isolated (a partition), no connection is dialled or accepted.
    const gate = { isolated: false };
    const libp2p = await createLibp2p({
      privateKey: o.privateKey,
      connectionGater: {
        denyDialPeer: () => gate.isolated,
        denyInboundEncryptedConnection: () => gate.isolated,
      },
      addresses: {
        listen: [`/ip4/${o.host}/tcp/${o.port}`],
        announce: o.announce === undefined || o.announce.length === 0 ? undefined : [...o.announce],
      },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: {
        identify: identify(),
        pubsub: gossipsub({
          emitSelf: false,
          allowPublishToZeroTopicPeers: true,
          floodPublish: true,
          globalSignaturePolicy: "StrictSign",
          scoreParams: createPeerScoreParams({ topics, IPColocationFactorWeight: 0, topicScoreCap: 10 }),
          scoreThresholds: SCORE_THRESHOLDS,
          allowedTopics: [...o.topics],
        }),
      },
    });
    const host = new P2PHost(libp2p, bootstrap, gate);
    host.dialBootstrap();
    host.redial = setInterval(() => host.dialBootstrap(), REDIAL_MS);
    return host;
  }

  get pubsub(): GossipSub {
    return this.libp2p.services.pubsub;
  }

  get peerId(): string {
    return this.libp2p.peerId.toString();
  }

  /** The addresses peers can dial, with this node's peer id (what another node's `--bootstrap` takes). */
  addresses(): string[] {
    return this.libp2p.getMultiaddrs().map((a) => a.toString());
  }

  /** Connected peers. */
  peers(): number {
    return this.libp2p.getPeers().length;
  }

  /** This node's gossipsub score of `peerId` (below `SCORE_THRESHOLDS.graylistThreshold`: ignored). */
  scoreOf(peerId: string): number {
    return (this.pubsub as unknown as { getScore(id: string): number }).getScore(peerId);
  }

  /** Closes every connection to `peerId` (a partition, or a peer to drop). */
  async hangUp(peerId: string): Promise<void> {
    const peer = this.libp2p.getPeers().find((p) => p.toString() === peerId);
    if (peer !== undefined) await this.libp2p.hangUp(peer);
  }

  /** Cuts this node off (closes every connection, refuses new ones) or lets it reconnect (a partition heals). */
  async isolate(on: boolean): Promise<void> {
    this.gate.isolated = on;
    if (on) await Promise.all(this.libp2p.getPeers().map((peer) => this.libp2p.hangUp(peer).catch(() => {})));
  }

  get isolated(): boolean {
    return this.gate.isolated;
  }

  async stop(): Promise<void> {
    clearInterval(this.redial);
    await this.libp2p.stop();
  }

  private dialBootstrap(): void {
    if (this.gate.isolated) return;
    const connected = new Set(this.libp2p.getPeers().map((p) => p.toString()));
    for (const address of this.bootstrap) {
      const id = address.getComponents().find((c) => c.name === "p2p")?.value;
      if (id === this.peerId || (id !== undefined && connected.has(id))) continue;
      this.libp2p.dial(address).catch(() => {}); // not up yet: dialled again in a second
    }
  }
}
