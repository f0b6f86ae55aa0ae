import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { NetworkConnection } from "hardhat/types/network";
import { type PublicClient, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { writeKeystores } from "../keys/keystore.js";
import { type DeployedPhase, deployPhase, onboardValidators, pinnedValidator } from "../sim/deployPhase.js";
import type { RollupVersion } from "../sim/SimulatedHardFork.js";
import { validatorKey } from "../system/validatorKeys.js";
import { type HardhatNode, startHardhatNode } from "./hardhatNode.js";
import { acquireLocalChainLock } from "./localChainLock.js";
import { type LogLine, type NodeRunProcess, startNodeRun } from "./nodeProcess.js";
import { gauge } from "./processFigures.js";

export type LocalTestnetOptions = {
  /** Validator node processes; the validators are dealt out in contiguous shares. */
  processes: number;
  validators: number;
  /** `ignition/parameters/<phase>.json`. */
  phase: string;
  /** Ignition parameters overriding the phase's (`npm run testnet -- --parameters`). */
  parameters?: string | null;
  /** Transactions per block each sequencer builds (`node:run --tx-count`; default node:run's). */
  txCount?: number;
  /** Folder for keystores, stores and the password file (the caller removes it). */
  dir: string;
  deploymentId: string;
  /** Opens a connection to the L1 node at `url` (`network.create({ network: "localhost", override: { url } })`). */
  connect: (url: string) => Promise<NetworkConnection>;
  /** One more process running only the prover (and a follower), fed blobs over p2p. */
  prover?: boolean;
  pollMs?: number;
  attestationTimeoutMs?: number;
  /** scrypt cost of the generated keystores (tests use a light one; 2^18 takes seconds per key). */
  scryptN?: number;
  /** Aborts the start between steps (Ctrl-C): what was started so far is stopped, then the abort is thrown. */
  signal?: AbortSignal;
};

/** One process of the testnet: its share of validators, its store, its latest run. */
export type TestnetProcess = {
  name: string;
  /** Validator indices `[from, to)` (empty for the prover). */
  validators: [number, number];
  roles: string;
  keys: string;
  publisher: string;
  store: string;
  run: NodeRunProcess;
  started: LogLine;
  /** The client version the process runs (`SP_NODE_CLIENT_VERSION`; absent: the package's). */
  clientVersion?: string;
  /** The Rollup version it follows after a hard fork (its contracts as flags); absent: the deployment's. */
  rollup?: RollupVersion;
  /** Its store before the hard fork's switch (its blobs stay needed: the old Rollup's chain is checked too). */
  formerStore?: string;
};

const PASSWORD = "sp-testnet local password";

/**
 * A testnet on loopback: `npx hardhat node` on a free port as L1, the phase deployed with its validators
 * onboarded, then one `node:run` process per share of the validator keys (its own keystores, publisher, store,
 * metrics port and p2p port, bootstrapping from the processes started before it) and optionally a prover
 * process. Every process is stopped by its PID in `stop()`, which the caller runs in a `finally`; a process can be
 * killed (SIGKILL) and restarted from its store, or partitioned from the others and healed.
 */
export class LocalTestnet {
  readonly processes: TestnetProcess[] = [];
  /** The Rollup version the validators run on after a hard fork (`switchRollup`); absent: the deployment's. */
  rollup: RollupVersion | undefined;

  private constructor(
    readonly options: LocalTestnetOptions,
    readonly l1: HardhatNode,
    readonly connection: NetworkConnection,
    readonly client: PublicClient,
    readonly deployed: DeployedPhase,
    private readonly passwordFile: string,
    private readonly releaseLock: () => Promise<void>,
  ) {}

  static async start(o: LocalTestnetOptions): Promise<LocalTestnet> {
    // One local chain's records at a time in this project (src/net/localChainLock.ts), held until `stop()`.
    const aborted = () => o.signal?.throwIfAborted();
    aborted();
    const releaseLock = await acquireLocalChainLock();
    let l1: HardhatNode | undefined;
    let net: LocalTestnet | undefined;
    try {
      aborted();
      // Ignition's default record for chain 31337 (the TestVerifier) is a previous node's on a fresh node: stale.
      await rm(path.join(process.cwd(), "ignition", "deployments", "chain-31337"), { recursive: true, force: true });
      l1 = await startHardhatNode();
      aborted();
      const connection = await o.connect(l1.url);
      const client = (await connection.viem.getPublicClient()) as PublicClient;
      const deployed = await deployPhase(connection, o.phase, o.parameters ?? null, o.deploymentId);
      aborted();
      const [deployer] = await connection.viem.getWalletClients();
      await onboardValidators({
        ...{ publicClient: client, walletClient: deployer, deployed },
        ...{ count: o.validators, pinned: pinnedValidator },
      });
      await mkdir(o.dir, { recursive: true });
      const passwordFile = path.join(o.dir, "password");
      await writeFile(passwordFile, `${PASSWORD}\n`);
      net = new LocalTestnet(o, l1, connection, client, deployed, passwordFile, releaseLock);
      const per = Math.ceil(o.validators / o.processes);
      for (let p = 0; p < o.processes; p++) {
        aborted();
        const range: [number, number] = [p * per, Math.min(o.validators, (p + 1) * per)];
        await net.add(`node-${p}`, range, "sequencer,attester,follower");
      }
      aborted();
      if (o.prover === true) await net.add("prover", [0, 0], "prover,follower");
      aborted();
      await net.meshed();
      aborted();
      return net;
    } catch (error) {
      try {
        if (net !== undefined) await net.stop();
        else await l1?.stop();
      } finally {
        await releaseLock();
      }
      throw error;
    }
  }

  /**
   * Waits until every process knows every other one as a subscriber of both gossip topics
   * (`sp_node_p2p_topic_peers`), so the first proposal reaches every process; throws after `timeoutMs`.
   */
  async meshed(timeoutMs = 60_000): Promise<void> {
    const among = this.current();
    const others = among.length - 1;
    const ready = (t: string) =>
      ["proposal", "attestation"].every((topic) => gauge(t, `sp_node_p2p_topic_peers{topic="${topic}"}`) >= others);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const texts = await Promise.all(among.map((i) => this.metrics(i)));
      if (texts.every(ready)) return;
      if (Date.now() > deadline) throw new Error(`the ${among.length} processes did not all see each other`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The processes on the Rollup the validators run on now (after a hard fork, all but the old Rollup's prover). */
  current(): number[] {
    return this.processes.map((_, i) => i).filter((i) => this.processes[i].rollup === this.rollup);
  }

  /**
   * The hard fork's switch: every validator process is stopped by its PID and started again on the new Rollup
   * (its contracts and start block as flags, a new store and so a new peer identity, bootstrapping from those
   * already moved and the old prover), then a second prover process starts for the new Rollup; the first keeps
   * running on the old one to prove its last epochs. `retire`/`restarted` bank each process's figures around its
   * restart, `added` counts the new prover. Returns once the new Rollup's processes see each other.
   */
  async switchRollup(
    next: RollupVersion,
    figures: { retire: (i: number) => Promise<void>; restarted: (i: number) => void; added: () => void },
  ): Promise<void> {
    this.rollup = next;
    const moving = this.processes.map((_, i) => i).filter((i) => this.processes[i].roles.includes("sequencer"));
    for (const i of moving) await figures.retire(i);
    await Promise.all(moving.map((i) => stopByPid(this.processes[i].run)));
    const moved = this.processes.filter((_, i) => !moving.includes(i)); // the provers, then each one moved
    for (const i of moving) {
      const p = this.processes[i];
      Object.assign(p, { rollup: next, formerStore: p.store, store: path.join(path.dirname(p.store), "store-v2") });
      await this.launch(p, moved.flatMap(addressesOf));
      moved.push(p);
      figures.restarted(i);
    }
    await this.add("prover-v2", [0, 0], "prover,follower", this.processes[moving[0]].clientVersion);
    figures.added();
    await this.meshed();
  }

  /** The raw L1 provider (evm_mine, evm_setNextBlockTimestamp, …). */
  get l1Provider(): { request: (a: { method: string; params?: unknown[] }) => Promise<unknown> } {
    return this.connection.provider as never;
  }

  /** The process holding validator `index`. */
  processOf(index: number): number {
    return this.processes.findIndex((p) => index >= p.validators[0] && index < p.validators[1]);
  }

  /**
   * `http://127.0.0.1:<metrics port>/metrics` of process `i`, as text; a refused or reset connection is tried again
   * (up to 5 times, 300 ms apart: a process busy catching up on a loaded machine).
   */
  async metrics(i: number): Promise<string> {
    const url = `http://127.0.0.1:${this.processes[i].started.metricsPort as number}/metrics`;
    for (let attempt = 1; ; attempt++) {
      try {
        return await (await fetch(url)).text();
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  /** The L2 pending tip process `i`'s follower holds (`sp_node_l2_pending_tip`; NaN while it does not answer). */
  async pendingTipOf(i: number): Promise<number> {
    return gauge(await this.metrics(i).catch(() => ""), "sp_node_l2_pending_tip");
  }

  /** Kills process `i` with SIGKILL (no clean stop: its store must recover) and waits for its exit. */
  async kill(i: number): Promise<void> {
    const { run } = this.processes[i];
    run.signal("SIGKILL");
    await run.exited;
  }

  /** Starts process `i` again on its store, bootstrapping from every other running process. */
  async restart(i: number): Promise<void> {
    const p = this.processes[i];
    const bootstrap = this.processes.filter((q, j) => j !== i && q.run !== undefined).flatMap((q) => addressesOf(q));
    await this.launch(p, bootstrap);
  }

  /**
   * The soft fork's step for process `i`: stopped cleanly by its PID (SIGINT), started again on `clientVersion`
   * with `--resync` (its store's L1 state rebuilt from the deployment block; signing protection and peer identity
   * kept), bootstrapping from the running processes.
   */
  async upgrade(i: number, clientVersion: string): Promise<void> {
    const p = this.processes[i];
    await stopByPid(p.run);
    p.clientVersion = clientVersion;
    const bootstrap = this.processes.filter((_, j) => j !== i).flatMap((q) => addressesOf(q));
    await this.launch(p, bootstrap, ["--resync"]);
  }

  /**
   * Partitions process `i` from every other (SIGUSR2: the node closes its libp2p connections and refuses new ones;
   * it keeps running, following L1 and trying to propose), and `heal(i)` lets it reconnect (SIGUSR2 again).
   */
  partition(i: number): void {
    this.processes[i].run.signal("SIGUSR2");
  }

  heal(i: number): void {
    this.processes[i].run.signal("SIGUSR2");
  }

  /** Stops every process by its PID (SIGINT, then SIGKILL after 15 s), then the L1 node. */
  async stop(): Promise<void> {
    await this.stopNodes();
    await this.connection.close().catch(() => {});
    await this.l1.stop().finally(this.releaseLock);
  }

  /**
   * Stops every node process by its PID (SIGINT, then SIGKILL after 15 s) and leaves L1 running, so their stores
   * can be read and checked against it; `stop()` afterwards stops the L1 node.
   */
  async stopNodes(): Promise<void> {
    await Promise.all(this.processes.map(({ run }) => stopByPid(run)));
  }

  private async add(name: string, validators: [number, number], roles: string, clientVersion?: string): Promise<void> {
    const dir = path.join(this.options.dir, name);
    const keys = path.join(dir, "attesters");
    const count = validators[1] - validators[0];
    const fast = { scryptN: this.options.scryptN ?? 1024 };
    if (count > 0) {
      const own = Array.from({ length: count }, (_, k) => validatorKey(validators[0] + k));
      await writeKeystores(keys, own, PASSWORD, fast);
    }
    const publisherKey = generatePrivateKey();
    const [{ file: publisher }] = await writeKeystores(path.join(dir, "publisher"), [publisherKey], PASSWORD, fast);
    await this.l1Provider.request({
      method: "hardhat_setBalance",
      params: [privateKeyToAccount(publisherKey).address, toHex(10n ** 21n)],
    });
    const store = path.join(dir, "store");
    const p = { name, validators, roles, keys, publisher, store, rollup: this.rollup, clientVersion } as TestnetProcess;
    this.processes.push(p);
    await this.launch(
      p,
      this.processes.filter((q) => q !== p).flatMap((q) => addressesOf(q)),
    );
  }

  private async launch(p: TestnetProcess, bootstrap: string[], flags: string[] = []): Promise<void> {
    const o = this.options;
    const args = {
      "--network": "localhost",
      "--deployment-id": o.deploymentId,
      "--roles": p.roles,
      "--publisher": p.publisher,
      "--password-file": this.passwordFile,
      "--store": p.store,
      "--metrics-port": "0",
      "--poll-ms": String(o.pollMs ?? 200),
      "--p2p-port": "0",
      "--attestation-timeout-ms": String(o.attestationTimeoutMs ?? 8_000),
      ...(p.validators[1] > p.validators[0] ? { "--keys": p.keys } : {}),
      ...(o.txCount === undefined ? {} : { "--tx-count": String(o.txCount) }),
      ...(bootstrap.length > 0 ? { "--bootstrap": bootstrap.join(",") } : {}),
      ...(p.rollup === undefined
        ? {}
        : {
            ...{ "--rollup": p.rollup.rollup, "--inbox": p.rollup.inbox, "--outbox": p.rollup.outbox },
            "--start-block": String(p.rollup.startBlock),
          }),
    };
    const env = {
      LOCALHOST_RPC_URL: this.l1.url,
      ...(p.clientVersion ? { SP_NODE_CLIENT_VERSION: p.clientVersion } : {}),
    };
    p.run = startNodeRun([...Object.entries(args).flat(), ...flags], env);
    p.started = await p.run.waitFor((l) => l.event === "started", 120_000);
  }
}

/** SIGINT by PID (the node finishes its step and closes its store), SIGKILL after 15 s. */
async function stopByPid(run: NodeRunProcess): Promise<void> {
  const timer = setTimeout(() => run.signal("SIGKILL"), 15_000);
  await run.interrupt();
  clearTimeout(timer);
}

function addressesOf(p: TestnetProcess): string[] {
  return (p.started?.p2pAddresses as string[] | undefined) ?? [];
}
