import { DEFAULT_SLASH_POLICY } from "../slasher/buildPayload.js";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { NetworkConnection } from "hardhat/types/network";
import type { Logger } from "pino";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193RequestFn,
  type PublicClient,
} from "viem";
import { inboxAbi } from "../../chain/abi.js";
import { readRollupConfig } from "../../chain/readRollupConfig.js";
import { CommandError } from "../../cli/CommandError.js";
import { oneLineMessage } from "../../cli/runCommandLine.js";
import { readKeystoreDir, readKeystoreFile } from "../../keys/keystore.js";
import { getCKzg } from "../../blob/kzg.js";
import { loadCKzg } from "../../prover/loadCKzg.js";
import { InProcessCollector } from "../actors/AttestationCollector.js";
import { BeaconBlobClient, beaconSlotOf } from "../blobs/BeaconBlobClient.js";
import { LocalBlobStore } from "../blobs/LocalBlobStore.js";
import { P2P_BLOB_SOURCE } from "../p2p/blobExchange.js";
import type { BlobSource } from "../blobs/types.js";
import { RollupNode } from "../RollupNode.js";
import { TimedCollector } from "./TimedCollector.js";
import { type DeploymentFlags, resolveNodeDeployment } from "./deployment.js";
import { NodeMetrics, startMetricsServer } from "./metrics.js";
import { NodeLoop, type Role } from "./NodeLoop.js";
import { checkP2PPort, type P2POptions, startP2P } from "./startP2P.js";

/** What `node:run` runs (parsed by `parseNodeRunArgs`). */
export type NodeRunOptions = {
  roles: ReadonlySet<Role>;
  /** Folder of attester keystores (needed by the sequencer and attester roles). */
  keysDir: string;
  /** The publisher's keystore (pays L1 gas; needed by the sequencer and prover roles). */
  publisherFile: string;
  password: string;
  storeDir: string;
  beaconUrl: string;
  metricsHost: string;
  /** 0: any free port (the chosen one is logged). */
  metricsPort: number;
  pollMs: number;
  signalPayload: Address | undefined;
  deployment: DeploymentFlags;
  txCount: number;
  /** The libp2p network (absent: the node's own attesters are asked in process). */
  p2p: P2POptions | undefined;
  /** Rebuild the store's L1-derived state from the start block (signing protection and peer identity kept). */
  resync: boolean;
};

/** The node's files in its store folder: the L1 store and the blobs its sequencer sent. */
export const STORE_FILES = { store: "node.sqlite", blobs: "blobs.sqlite" } as const;

/**
 * Runs a node process until `stop` is called (SIGINT/SIGTERM in `node:run`): the `RollupNode` of the simulator
 * for the keystores' validators, in real time (`NodeLoop`). Everything that can be refused — keystores and
 * password, the RPC, the deployment, the metrics port — is checked before the store folder is created, so bad
 * input writes nothing. Returns a one-line summary once stopped with the store closed.
 */
export async function runNode(
  connection: NetworkConnection,
  o: NodeRunOptions,
  log: Logger,
  onStarted: (stop: () => void) => void = () => {},
): Promise<string> {
  const keyed = o.roles.has("sequencer") || o.roles.has("attester") || o.roles.has("slasher");
  const validators = keyed ? await readKeystoreDir(requireFlag(o.keysDir, "keys"), o.password) : [];
  const needsPublisher = o.roles.has("sequencer") || o.roles.has("prover") || o.roles.has("slasher");
  const publisher = needsPublisher
    ? await readKeystoreFile(requireFlag(o.publisherFile, "publisher"), o.password)
    : undefined;
  if (publisher !== undefined && validators.some((v) => v.address === publisher.address)) {
    throw new CommandError("The publisher is one of the attester keys.", "a separate publisher key", publisher.address);
  }

  const metrics = new NodeMetrics();
  const { client, chain, chainId, provider } = await connect(connection, metrics);
  const deployment = await resolveNodeDeployment(o.deployment, chainId);
  const { contracts, startBlock } = deployment;
  if (o.signalPayload !== undefined && contracts.governanceProposer === undefined) {
    throw new CommandError(
      "No GovernanceProposer to signal with.",
      "--governance-proposer or the deployment's",
      "neither",
    );
  }
  if (o.roles.has("slasher") && deployment.slashing === undefined) {
    throw new CommandError(
      "No slashing contracts to signal to.",
      "SlashingProposer, Slasher and SlashPayloadFactory in the deployment (--deployment-id)",
      "none",
    );
  }
  const config = await readRollupConfig(client, contracts.rollup).catch((error: unknown) => {
    throw new CommandError(
      `The Rollup's configuration cannot be read: ${oneLineMessage(error)}`,
      "a deployed Rollup",
      contracts.rollup,
    );
  });
  const inboxHeight =
    contracts.inbox === undefined
      ? undefined
      : Number(await client.readContract({ address: contracts.inbox, abi: inboxAbi, functionName: "HEIGHT" }));
  const beacon = o.beaconUrl === "" ? undefined : await beaconSource(o.beaconUrl);
  const publisherWallet =
    publisher === undefined
      ? undefined
      : createWalletClient({ account: publisher, chain, transport: custom(provider) });

  if (o.p2p !== undefined) await checkP2PPort(o.p2p);
  let loop: NodeLoop | undefined;
  const server = await startMetricsServer({
    metrics,
    host: o.metricsHost,
    port: o.metricsPort,
    health: () => loop?.health() ?? { healthy: false, detail: { starting: true } },
  });
  // From here on files are written: the store folder, the store, the blob store.
  let blobStore: LocalBlobStore | undefined;
  let node: RollupNode | undefined;
  let p2p: Awaited<ReturnType<typeof startP2P>> | undefined;
  try {
    await mkdir(o.storeDir, { recursive: true });
    blobStore = new LocalBlobStore(path.join(o.storeDir, STORE_FILES.blobs));
    const storePath = path.join(o.storeDir, STORE_FILES.store);
    p2p =
      o.p2p === undefined
        ? undefined
        : await startP2P({
            options: o.p2p,
            storeFile: storePath,
            chainId,
            rollup: contracts.rollup,
            client,
            config,
            blobStore,
            metrics,
            onError: (what, error) => log.warn({ event: "p2p.error", what, error: oneLineMessage(error) }, what),
            onDrop: (topic, reason, peer) => log.warn({ event: "p2p.dropped", topic, reason, peer }, "message dropped"),
            onAttest: (slot, outcome, detail, tries) =>
              outcome === "signed" || outcome === "notInCommittee"
                ? log.debug({ event: "p2p.attested", slot, detail, tries }, "proposal attested")
                : log.info({ event: "p2p.attestRefused", slot, outcome, detail, tries }, "proposal not attested"),
            onIsolation: (isolated) =>
              log.warn({ event: isolated ? "p2p.isolated" : "p2p.rejoined" }, isolated ? "cut off" : "rejoined"),
          });
    const sources: BlobSource[] = [blobStore];
    if (p2p !== undefined) sources.push(p2p.blobSource);
    if (beacon !== undefined) sources.push(beacon);
    const inProcess = new InProcessCollector();
    const collector = new TimedCollector(p2p?.network ?? inProcess, metrics, (ms, collected, committee) =>
      log.info(
        {
          event: "attestations.collected",
          ms: Math.round(ms * 10) / 10,
          signatures: collected.signatures.length,
          committee,
          refusals: collected.refusals.length,
        },
        "attestations collected",
      ),
    );
    // The KZG trusted setup (≈ 2 s) now, not inside the first proposal's blob check: loaded lazily, it stalled
    // every node's loop for seconds at once and timed out the run's first attestation collection (bench:net).
    getCKzg();
    node = RollupNode.open({
      name: "node",
      client,
      chainId,
      contracts,
      startBlock,
      config,
      storePath,
      clientVersion: await clientVersion(),
      resync: o.resync,
      blobSources: sources,
      blobStore,
      // blobs it had to ask its peers for (missed while down or cut off): kept, so it can serve them in turn
      keepBlobsFrom: [P2P_BLOB_SOURCE],
      validators,
      collector,
      walletFor: async () => publisherWallet!,
      now: async () => (await client.getBlock()).timestamp + 1n,
      txCount: o.txCount,
      inboxHeight,
      prover: o.roles.has("prover") ? { walletClient: publisherWallet!, kzg: loadCKzg() } : undefined,
      slashing: o.roles.has("slasher")
        ? { ...deployment.slashing!, policy: DEFAULT_SLASH_POLICY, publisher: publisherWallet! }
        : undefined,
    });
    p2p?.bind(node.store);
    if (o.roles.has("attester") && node.attester !== undefined) {
      if (p2p === undefined) inProcess.add(node.attester);
      else p2p.network.setAttester(node.attester);
    }
    metrics.validators.set(validators.length);
    loop = new NodeLoop({
      node,
      client,
      rollup: contracts.rollup,
      roles: o.roles,
      pollMs: o.pollMs,
      metrics,
      log,
      validators,
      publisher: publisherWallet,
      signal:
        o.signalPayload === undefined
          ? undefined
          : { payload: o.signalPayload, governanceProposer: contracts.governanceProposer!, chainId },
    });
    log.info(
      {
        event: "started",
        chainId,
        rollup: contracts.rollup,
        startBlock: Number(startBlock),
        store: node.opening.status,
        storeTip: node.store.meta("tip") ?? null,
        clientVersion: node.store.meta("client_version") ?? null,
        previousClientVersion: node.opening.previousClientVersion ?? null,
        roles: [...o.roles],
        validators: validators.length,
        publisher: publisher?.address ?? null,
        metricsPort: server.port,
        peerId: p2p?.host.peerId ?? null,
        p2pAddresses: p2p?.host.addresses() ?? [],
      },
      "node started",
    );
    onStarted(() => loop?.stop());
    await loop.run();
    const { pending, proven } = await node.reader.tips();
    return `stopped after ${loop.steps} steps: L2 pending ${pending}, proven ${proven}; store closed (${o.storeDir})`;
  } finally {
    await p2p?.stop();
    node?.close();
    blobStore?.close();
    await server.close();
    log.info({ event: "stopped" }, "node stopped");
  }
}

/** A public client over the connection whose failed calls are counted; refuses an unreachable RPC in one line. */
async function connect(connection: NetworkConnection, metrics: NodeMetrics) {
  const request: EIP1193RequestFn = async (args) => {
    try {
      return await connection.provider.request(args as Parameters<typeof connection.provider.request>[0]);
    } catch (error) {
      // A contract's refusal (eth_call, eth_estimateGas) is an answer, not an RPC failure.
      if (!/revert/i.test((error as Error).message)) metrics.rpcErrors.inc({ method: args.method });
      throw error;
    }
  };
  let chainId: number;
  try {
    chainId = Number(await connection.provider.request({ method: "eth_chainId" }));
  } catch (error) {
    throw new CommandError(
      `The L1 RPC is unreachable: ${oneLineMessage(error)}`,
      "a JSON-RPC endpoint (--network)",
      connection.networkName,
    );
  }
  const { chain } = await connection.viem.getPublicClient();
  const client = createPublicClient({ chain, transport: custom({ request }), pollingInterval: 250 }) as PublicClient;
  return { client, chain: chain!, chainId, provider: { request } };
}

/** A Beacon API blob source; its genesis time (for the block id of an L1 block) is asked once. */
async function beaconSource(url: string): Promise<BeaconBlobClient> {
  let genesis: bigint;
  try {
    const response = await fetch(`${url.replace(/\/$/, "")}/eth/v1/beacon/genesis`, {
      signal: AbortSignal.timeout(10_000),
    });
    genesis = BigInt(((await response.json()) as { data: { genesis_time: string } }).data.genesis_time);
  } catch (error) {
    throw new CommandError(`The Beacon API is unreachable: ${oneLineMessage(error)}`, "a Beacon node's REST URL", url);
  }
  return new BeaconBlobClient({ url, blockId: beaconSlotOf({ beaconGenesisTime: genesis, secondsPerSlot: 12n }) });
}

/**
 * `sp-testnet-node/<package version>`: recorded in the store by every writer. `SP_NODE_CLIENT_VERSION` names
 * another (an upgrade rehearsal: `npm run testnet -- --processes N --soft-fork-at S` restarts each process on one).
 */
async function clientVersion(): Promise<string> {
  const rehearsed = process.env.SP_NODE_CLIENT_VERSION;
  if (rehearsed !== undefined && rehearsed !== "") return rehearsed;
  const file = new URL("../../../package.json", import.meta.url);
  const { version } = JSON.parse(await readFile(file, "utf8")) as { version: string };
  return `sp-testnet-node/${version}`;
}

function requireFlag(value: string, name: string): string {
  if (value === "") throw new CommandError(`Missing --${name}.`, `--${name} for the roles asked`, "nothing");
  return value;
}
