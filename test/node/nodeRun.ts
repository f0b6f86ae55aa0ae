import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { type Address, type PublicClient, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { governanceProposerAbi, rollupAbi, slashingProposerAbi } from "../../src/chain/abi.js";
import { readRollupConfig } from "../../src/chain/readRollupConfig.js";
import { epochAt, slotStart } from "../../src/chain/time.js";
import { writeKeystores } from "../../src/keys/keystore.js";
import { openDatabase } from "../../src/node/store/openDatabase.js";
import { type DeployedPhase, deployPhase, onboardValidators } from "../../src/sim/deployPhase.js";
import { validatorKey } from "../../src/system/validatorKeys.js";
import { useHardhatNode } from "../helpers/hardhatNode.js";
import { expectRefused, type NodeRunProcess, startNodeRun, until } from "../helpers/nodeRunProcess.js";

const VALIDATORS = 48;
const FAST = { scryptN: 1024 }; // keystores for tests only: 48 files at the default 2^18 take minutes

describe("npx hardhat node:run against `npx hardhat node` (48 validator keystores, one process)", () => {
  const deploymentId = `node-run-test-${process.pid}`;
  const hardhatNode = useHardhatNode(deploymentId);
  let dir: string;
  let client: PublicClient;
  let raw: { request: (a: { method: string; params?: unknown[] }) => Promise<unknown> };
  let deployed: DeployedPhase;
  let payload: Address;
  const files = { keys: "", publisher: "", password: "", store: "" };
  let publisherAddress: Address;
  /** The epoch of the first test's first blocks (its last two blocks, in epoch + 2, stay unproven). */
  let firstEpoch = 0n;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sp-node-run-"));
    const connection = await network.create({ network: "localhost", override: { url: hardhatNode().url } });
    client = (await connection.viem.getPublicClient()) as PublicClient;
    raw = connection.provider as typeof raw;
    deployed = await deployPhase(connection, "phase1", null, deploymentId);
    const [deployer] = await connection.viem.getWalletClients();
    await onboardValidators({ publicClient: client, walletClient: deployer, deployed, count: VALIDATORS });
    payload = deployed.registry; // any contract: signals are counted, never executed here
    files.keys = path.join(dir, "attesters");
    files.password = path.join(dir, "password");
    files.store = path.join(dir, "store");
    await writeFile(files.password, "correct horse\n");
    const keys = Array.from({ length: VALIDATORS }, (_, i) => validatorKey(i));
    await writeKeystores(files.keys, keys, "correct horse", FAST);
    const publisherKey = generatePrivateKey();
    [{ file: files.publisher }] = await writeKeystores(
      path.join(dir, "publisher"),
      [publisherKey],
      "correct horse",
      FAST,
    );
    const publisher = (publisherAddress = privateKeyToAccount(publisherKey).address);
    await raw.request({ method: "hardhat_setBalance", params: [publisher, toHex(10n ** 21n)] });
  });
  let running: NodeRunProcess | undefined;
  after(async () => {
    await running?.interrupt(); // a failed test leaves its process running
    await rm(dir, { recursive: true, force: true });
  });

  /** `node:run`'s options for this suite, with some replaced (`overrides`, by option name). */
  const args = (overrides: Record<string, string> = {}) => {
    const options: Record<string, string> = {
      "--network": "localhost",
      "--deployment-id": deploymentId,
      "--keys": files.keys,
      "--publisher": files.publisher,
      "--password-file": files.password,
      "--store": files.store,
      "--metrics-port": "0",
      "--poll-ms": "150",
      "--signal-payload": payload,
      ...overrides,
    };
    return Object.entries(options).flat();
  };
  const env = () => ({ LOCALHOST_RPC_URL: hardhatNode().url });

  const tips = async () => {
    const t = await client.readContract({ address: deployed.rollup, abi: rollupAbi, functionName: "getTips" });
    return { pending: t.pendingBlockNumber, proven: t.provenBlockNumber };
  };
  /** Opens L2 slot `slot` on L1 (one block at its first second): the process sees it on its next poll. */
  const mineAt = async (timestamp: bigint) => {
    await raw.request({ method: "evm_setNextBlockTimestamp", params: [toHex(timestamp)] });
    await raw.request({ method: "evm_mine" });
  };

  it("proposes, attests and proves two epochs alone, signals the payload, serves metrics, stops on SIGINT and continues from its store", async () => {
    const config = await readRollupConfig(client, deployed.rollup);
    const { clock } = config;
    const latest = await client.getBlock();
    const epoch = (firstEpoch = epochAt(clock, latest.timestamp) + 2n); // deposits count two epochs later
    const slotsOf = (e: bigint, n: number) => Array.from({ length: n }, (_, i) => e * clock.epochDuration + BigInt(i));

    let run: NodeRunProcess = (running = startNodeRun(args(), env()));
    const started = await run.waitFor((l) => l.event === "started");
    expect(started).to.include({ validators: VALIDATORS, store: "created" });
    let blocks = 0n;
    const propose = async (slot: bigint) => {
      await mineAt(slotStart(clock, slot));
      blocks++;
      await until(`block ${blocks} in slot ${slot}`, async () => (await tips()).pending >= blocks, run.exited);
      // The step goes on with the signal, in the same slot: the next slot opens after it.
      await run.waitFor((l) => typeof l.event === "string" && l.event.startsWith("signal.") && l.slot === Number(slot));
    };
    for (const slot of slotsOf(epoch, 3)) await propose(slot); // epoch E: 3 blocks
    for (const slot of slotsOf(epoch + 1n, 3)) await propose(slot); // E+1: E ended, the prover proves it
    await until("epoch E proven", async () => (await tips()).proven >= 3n, run.exited);
    await propose(slotsOf(epoch + 2n, 1)[0]); // E+2: E+1 ended
    await until("epoch E+1 proven", async () => (await tips()).proven >= 6n, run.exited);

    const signals = await client.getContractEvents({
      address: deployed.governanceProposer,
      abi: governanceProposerAbi,
      eventName: "SignalCast",
      fromBlock: deployed.startBlock,
    });
    expect(signals.length).to.be.greaterThanOrEqual(6);
    expect(signals.every((s) => (s.args as { payload: Address }).payload === payload)).to.equal(true);

    const base = `http://127.0.0.1:${started.metricsPort as number}`;
    await until("metrics caught up", async () => metric(await scrape(base), "sp_node_l2_proven_tip") >= 6, run.exited);
    const text = await scrape(base);
    expect(metric(text, 'sp_node_proposals_total{status="proposed"}')).to.equal(7);
    expect(metric(text, 'sp_node_proofs_total{status="proven"}')).to.equal(2);
    expect(metric(text, 'sp_node_governance_signals_total{status="sent"}')).to.equal(7);
    expect(metric(text, "sp_node_attestation_collection_seconds_count")).to.equal(7);
    expect(metric(text, "sp_node_attestations_total")).to.be.greaterThanOrEqual(7 * 11); // ⌈2/3 · 16⌉ + 1 each
    expect(metric(text, "sp_node_l1_head")).to.be.greaterThan(0);
    expect(metric(text, "sp_node_validators")).to.equal(VALIDATORS);
    expect(text).to.contain("sp_node_reorgs_total").and.contain("sp_node_rpc_errors_total");
    const health = await fetch(`${base}/health`);
    expect(health.status).to.equal(200);

    expect(await run.interrupt()).to.equal(0);
    expect(run.logs.map((l) => l.event)).to.include.members(["stopping", "stopped"]);
    expect(run.stdout()).to.match(/stopped after \d+ steps: L2 pending 7, proven 6; store closed/);
    const stored = storedTip(files.store);
    expect(stored).to.be.greaterThan(0);

    // Restart from the store: it reopens it (reads only new L1 blocks) and goes on proposing.
    run = running = startNodeRun(args(), env());
    const restarted = await run.waitFor((l) => l.event === "started");
    expect(restarted).to.include({ store: "reopened", storeTip: String(stored) });
    await propose(slotsOf(epoch + 2n, 2)[1]);
    const again = `http://127.0.0.1:${restarted.metricsPort as number}`;
    await until(
      "the store holds block 8",
      async () => metric(await scrape(again), "sp_node_l2_pending_tip") >= 8,
      run.exited,
    );
    expect(await run.interrupt()).to.equal(0);
    expect(storedTip(files.store)).to.be.greaterThan(stored);
  });

  it("with the slasher role and no prover: prunes the unproven epoch, then signals its committee's slash payload (relayed by the publisher)", async () => {
    const { clock, proofs } = await readRollupConfig(client, deployed.rollup);
    const store = path.join(dir, "store-slasher");
    const run = (running = startNodeRun(
      args({ "--roles": "sequencer,attester,slasher,follower", "--store": store, "--log-level": "debug" }),
      env(),
    ));
    await run.waitFor((l) => l.event === "started");
    // Blocks 7 and 8 (epoch E + 2) are unproven: once their proof window has closed, the next proposer prunes.
    let slot = (firstEpoch + 3n + proofs.proofSubmissionEpochs) * clock.epochDuration;
    let signalled: Record<string, unknown> | undefined;
    for (let i = 0; i < 6 && signalled === undefined; i++, slot++) {
      await mineAt(slotStart(clock, slot));
      signalled = await run
        .waitFor((l) => l.event === "slash.signal.signalled" || (l.event === "step" && l.slot === Number(slot)), 60_000)
        .then((l) => (l.event === "slash.signal.signalled" ? l : undefined))
        .catch(() => undefined);
    }
    expect(
      run.logs.some((l) => l.event === "proposal.pruned"),
      "the unproven epoch was pruned",
    ).to.equal(true);
    expect(signalled, "a slash payload was signalled").to.not.equal(undefined);
    const casts = await client.getContractEvents({
      address: deployed.slashingProposer,
      abi: slashingProposerAbi,
      eventName: "SlashSignalCast",
      fromBlock: deployed.startBlock,
    });
    expect(casts.length).to.be.greaterThanOrEqual(1);
    const tx = await client.getTransaction({ hash: casts[0].transactionHash! });
    expect(tx.from.toLowerCase(), "sent by the publisher, signed by the proposer").to.equal(
      publisherAddress.toLowerCase(),
    );
    expect(await run.interrupt()).to.equal(0);
  });

  it("refuses bad input in one line with a non-zero exit and writes nothing", async () => {
    const cases: { name: string; extra: Record<string, string>; env?: Record<string, string>; error: RegExp }[] = [];
    const wrong = path.join(dir, "wrong-password");
    await writeFile(wrong, "battery staple\n");
    cases.push({ name: "wrong password", extra: { "--password-file": wrong }, error: /Wrong keystore password/ });
    cases.push({
      name: "missing keystore",
      extra: { "--keys": path.join(dir, "none") },
      error: /Missing keystore folder/,
    });
    const closed = await freePort();
    cases.push({
      name: "unreachable RPC",
      extra: {},
      env: { LOCALHOST_RPC_URL: `http://127.0.0.1:${closed}` },
      error: /The L1 RPC is unreachable/,
    });
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const busyPort = (busy.address() as { port: number }).port;
    cases.push({
      name: "metrics port in use",
      extra: { "--metrics-port": String(busyPort) },
      error: /metrics port is in use/,
    });
    try {
      for (const c of cases) {
        const store = path.join(dir, `store-${c.name.replace(/ /g, "-")}`);
        await expectRefused(
          startNodeRun(args({ ...c.extra, "--store": store }), { ...env(), ...c.env }),
          c.name,
          c.error,
          store,
        );
      }
    } finally {
      busy.close();
    }
  });
});

async function scrape(base: string): Promise<string> {
  return (await fetch(`${base}/metrics`)).text();
}

/** The value of a metric line (`name{labels} value`), NaN when absent. */
function metric(text: string, name: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? NaN : Number(line.slice(name.length + 1));
}

/** The L1 tip recorded in a store folder's database (the node has stopped). */
function storedTip(storeDir: string): number {
  const db = openDatabase(path.join(storeDir, "node.sqlite"));
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'tip'").get() as { value: string } | undefined;
    return Number(row?.value ?? 0);
  } finally {
    db.close();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
