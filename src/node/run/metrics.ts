import { createServer, type Server } from "node:http";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { CommandError } from "../../cli/CommandError.js";

/** Prefix of every metric the node exports. */
const P = "sp_node_";

/**
 * The node's Prometheus metrics (prom-client, its own registry so tests can run several): L1 head, L2 tips,
 * proposals, attestations, proofs, reorgs, governance signals, RPC errors, the time to collect attestations and
 * the p2p network's peers and messages (received, dropped by reason, published).
 * `docs/grafana-node.json` charts them.
 */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly l1Head = new Gauge({
    name: `${P}l1_head`,
    help: "Latest L1 block the follower synced to",
    registers: [this.registry],
  });
  readonly l2PendingTip = new Gauge({
    name: `${P}l2_pending_tip`,
    help: "L2 pending tip (block number)",
    registers: [this.registry],
  });
  readonly l2ProvenTip = new Gauge({
    name: `${P}l2_proven_tip`,
    help: "L2 proven tip (block number)",
    registers: [this.registry],
  });
  readonly validators = new Gauge({
    name: `${P}validators`,
    help: "Validator keys this node runs",
    registers: [this.registry],
  });
  readonly proposals = new Counter({
    name: `${P}proposals_total`,
    help: "Sequencer ticks in a slot of one of this node's keys, by outcome",
    labelNames: ["status"],
    registers: [this.registry],
  });
  readonly attestations = new Counter({
    name: `${P}attestations_total`,
    help: "Attestations this node's attesters signed for its proposals",
    registers: [this.registry],
  });
  readonly attestationRefusals = new Counter({
    name: `${P}attestation_refusals_total`,
    help: "Attestation requests this node's attesters refused, by reason",
    labelNames: ["reason"],
    registers: [this.registry],
  });
  readonly proofs = new Counter({
    name: `${P}proofs_total`,
    help: "Prover ticks that submitted, failed or missed an epoch proof, by outcome",
    labelNames: ["status"],
    registers: [this.registry],
  });
  readonly reorgs = new Counter({
    name: `${P}reorgs_total`,
    help: "L1 reorgs the follower rolled back",
    registers: [this.registry],
  });
  readonly signals = new Counter({
    name: `${P}governance_signals_total`,
    help: "Governance payload signals sent when proposing, by outcome",
    labelNames: ["status"],
    registers: [this.registry],
  });
  readonly slashSignals = new Counter({
    name: `${P}slash_signals_total`,
    help: "Slashing payload signals sent when proposing (relayed signalWithSig), by outcome",
    labelNames: ["status"],
    registers: [this.registry],
  });
  readonly slashExecutions = new Counter({
    name: `${P}slash_executions_total`,
    help: "Slash rounds this node executed, found vetoed, or failed to execute",
    labelNames: ["status"],
    registers: [this.registry],
  });
  readonly rpcErrors = new Counter({
    name: `${P}rpc_errors_total`,
    help: "L1 JSON-RPC calls that failed (before retries), by method",
    labelNames: ["method"],
    registers: [this.registry],
  });
  readonly stepErrors = new Counter({
    name: `${P}step_errors_total`,
    help: "Steps that threw",
    registers: [this.registry],
  });
  readonly attestationSeconds = new Histogram({
    name: `${P}attestation_collection_seconds`,
    help: "Time to collect the committee's attestations for a proposal",
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8],
    registers: [this.registry],
  });
  readonly p2pPeers = new Gauge({
    name: `${P}p2p_peers`,
    help: "Peers connected over libp2p",
    registers: [this.registry],
  });
  readonly p2pTopicPeers = new Gauge({
    name: `${P}p2p_topic_peers`,
    help: "Connected peers known to subscribe to each gossip topic (a proposal published now reaches them)",
    labelNames: ["topic"],
    registers: [this.registry],
  });
  readonly p2pReceived = new Counter({
    name: `${P}p2p_messages_received_total`,
    help: "Gossip messages received (before validation), by topic",
    labelNames: ["topic"],
    registers: [this.registry],
  });
  readonly p2pDropped = new Counter({
    name: `${P}p2p_messages_dropped_total`,
    help: "Gossip messages dropped by validation (not forwarded), by topic and reason",
    labelNames: ["topic", "reason"],
    registers: [this.registry],
  });
  readonly blobsRecovered = new Counter({
    name: `${P}blobs_recovered_total`,
    help: "Pending L2 blocks stored unavailable whose blobs the follower had on a later re-check",
    registers: [this.registry],
  });
  readonly p2pLate = new Counter({
    name: `${P}p2p_messages_late_total`,
    help: "Valid gossip messages for a slot already behind this node's L1 view (kept, not forwarded), by topic",
    labelNames: ["topic"],
    registers: [this.registry],
  });
  readonly p2pPublished = new Counter({
    name: `${P}p2p_messages_published_total`,
    help: "Gossip messages this node published, by topic",
    labelNames: ["topic"],
    registers: [this.registry],
  });
  readonly stepSeconds = new Histogram({
    name: `${P}step_seconds`,
    help: "Time of one step (follower sync, prover tick, sequencer tick)",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
    registers: [this.registry],
  });
}

/** What `/health` reports: healthy while the last step succeeded and one ran recently. */
export type Health = () => { healthy: boolean; detail: Record<string, unknown> };

/**
 * Serves `/metrics` (Prometheus text) and `/health` (200 or 503, JSON) on `host:port`. Resolves once listening;
 * a port in use or not allowed is a one-line `CommandError` (nothing else was started).
 */
export async function startMetricsServer(p: {
  metrics: NodeMetrics;
  health: Health;
  host: string;
  port: number;
}): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const url = req.url?.split("?")[0];
    if (url === "/metrics") {
      p.metrics.registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": p.metrics.registry.contentType }).end(text),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    } else if (url === "/health") {
      const { healthy, detail } = p.health();
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: healthy ? "ok" : "unhealthy", ...detail }));
    } else res.writeHead(404).end("not found: /metrics, /health\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new CommandError(
          error.code === "EADDRINUSE"
            ? "The metrics port is in use."
            : `The metrics port cannot be opened (${error.code}).`,
          "a free --metrics-port (0: any free port)",
          `${p.host}:${p.port}`,
        ),
      ),
    );
    server.listen(p.port, p.host, () => resolve());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === "object" && address !== null ? address.port : p.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
