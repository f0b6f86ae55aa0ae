import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { type Address, decodeFunctionData, type Hex, type PublicClient, size, slice, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { rollupAbi } from "../../src/chain/abi.js";
import { readRollupConfig } from "../../src/chain/readRollupConfig.js";
import { epochAt, slotStart } from "../../src/chain/time.js";
import { writeKeystores } from "../../src/keys/keystore.js";
import { type DeployedPhase, deployPhase, onboardValidators } from "../../src/sim/deployPhase.js";
import { validatorIndexOf, validatorKey } from "../../src/system/validatorKeys.js";
import { useHardhatNode } from "../helpers/hardhatNode.js";
import { expectRefused, type NodeRunProcess, startNodeRun, until } from "../helpers/nodeRunProcess.js";

const VALIDATORS = 48;
const PROCESSES = 3;
const PER = VALIDATORS / PROCESSES;
const FAST = { scryptN: 1024 }; // test keystores only
const PASSWORD = "correct horse";

describe("three node:run processes gossip over libp2p against `npx hardhat node` (16 validator keys each)", () => {
  const deploymentId = `p2p-node-run-test-${process.pid}`;
  const hardhatNode = useHardhatNode(deploymentId);
  let dir: string;
  let client: PublicClient;
  let raw: { request: (a: { method: string; params?: unknown[] }) => Promise<unknown> };
  let deployed: DeployedPhase;
  const files: { keys: string; publisher: string; store: string }[] = [];
  let passwordFile: string;
  const running: NodeRunProcess[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sp-p2p-node-run-"));
    const connection = await network.create({ network: "localhost", override: { url: hardhatNode().url } });
    client = (await connection.viem.getPublicClient()) as PublicClient;
    raw = connection.provider as typeof raw;
    deployed = await deployPhase(connection, "phase1", null, deploymentId);
    const [deployer] = await connection.viem.getWalletClients();
    await onboardValidators({ publicClient: client, walletClient: deployer, deployed, count: VALIDATORS });
    passwordFile = path.join(dir, "password");
    await writeFile(passwordFile, `${PASSWORD}\n`);
    for (let p = 0; p < PROCESSES; p++) {
      const keys = Array.from({ length: PER }, (_, k) => validatorKey(p * PER + k));
      const keysDir = path.join(dir, `attesters-${p}`);
      await writeKeystores(keysDir, keys, PASSWORD, FAST);
      const publisherKey = generatePrivateKey();
      const [{ file }] = await writeKeystores(path.join(dir, `publisher-${p}`), [publisherKey], PASSWORD, FAST);
      const publisher = privateKeyToAccount(publisherKey).address;
      await raw.request({ method: "hardhat_setBalance", params: [publisher, toHex(10n ** 21n)] });
      files.push({ keys: keysDir, publisher: file, store: path.join(dir, `store-${p}`) });
    }
  });
  after(async () => {
    for (const r of running) await r.interrupt(); // a failed test leaves its processes running
    await rm(dir, { recursive: true, force: true });
  });

  const args = (p: number, overrides: Record<string, string> = {}) =>
    Object.entries({
      "--network": "localhost",
      "--deployment-id": deploymentId,
      "--keys": files[p].keys,
      "--publisher": files[p].publisher,
      "--password-file": passwordFile,
      "--store": files[p].store,
      "--metrics-port": "0",
      "--poll-ms": "150",
      "--roles": p === 0 ? "sequencer,attester,prover,follower" : "sequencer,attester,follower",
      "--p2p-port": "0",
      "--attestation-timeout-ms": "8000",
      ...overrides,
    }).flat();
  const env = () => ({ LOCALHOST_RPC_URL: hardhatNode().url });
  const pending = async () =>
    (await client.readContract({ address: deployed.rollup, abi: rollupAbi, functionName: "getTips" }))
      .pendingBlockNumber;

  it("produce blocks whose attestations carry signatures of keys held by other processes", async () => {
    const addresses: string[] = [];
    for (let p = 0; p < PROCESSES; p++) {
      const run = startNodeRun(args(p, addresses.length === 0 ? {} : { "--bootstrap": addresses.join(",") }), env());
      running.push(run);
      const started = await run.waitFor((l) => l.event === "started");
      expect(started.peerId).to.be.a("string");
      addresses.push(...(started.p2pAddresses as string[]));
    }
    const metricsPorts = running.map((r) => r.logs.find((l) => l.event === "started")!.metricsPort as number);
    // Connected, and each peer's subscriptions known: the first proposal is published to both other processes.
    const ready = (t: string) =>
      metric(t, "sp_node_p2p_peers") >= 2 &&
      metric(t, 'sp_node_p2p_topic_peers{topic="proposal"}') >= 2 &&
      metric(t, 'sp_node_p2p_topic_peers{topic="attestation"}') >= 2;
    await until(
      "every process has 2 peers on both topics",
      async () => (await Promise.all(metricsPorts.map(scrape))).every(ready),
      running[0].exited,
      30_000,
    );

    const config = await readRollupConfig(client, deployed.rollup);
    const { clock } = config;
    const epoch = epochAt(clock, (await client.getBlock()).timestamp) + 2n; // deposits count two epochs later
    const signersByProcess: { processes: number[]; proposerMembers: number }[] = [];
    for (let k = 0n; k < 4n; k++) {
      const slot = epoch * clock.epochDuration + k;
      await raw.request({ method: "evm_setNextBlockTimestamp", params: [toHex(slotStart(clock, slot))] });
      await raw.request({ method: "evm_mine" });
      await until(
        `block ${k + 1n} in slot ${slot}`,
        async () => (await pending()) >= k + 1n,
        running[0].exited,
        60_000,
      );
      signersByProcess.push(await signerProcesses(k + 1n));
    }
    for (const { processes, proposerMembers } of signersByProcess) {
      // A proposer process holding fewer than floor(2n/3)+1 of the committee needs the other processes' keys.
      if (proposerMembers < 11) expect(processes.length, "signatures from ≥ 2 processes").to.be.at.least(2);
    }
    expect(signersByProcess.some((b) => b.processes.length >= 2)).to.equal(true);
    const count = (t: string, name: string) => metric(t, name) || 0; // a label never incremented has no line
    const seenAll = (t: string) =>
      count(t, 'sp_node_proposals_total{status="proposed"}') +
        count(t, 'sp_node_p2p_messages_received_total{topic="proposal"}') >=
      4;
    // A loaded machine may still be validating the last proposal when its block lands on L1.
    await until(
      "every process saw every proposal",
      async () => (await Promise.all(metricsPorts.map(scrape))).every(seenAll),
      running[0].exited,
      30_000,
    );
    const texts = await Promise.all(metricsPorts.map(scrape));
    for (const t of texts) {
      // Every block reached every process: proposed there, or received over gossip; no honest message dropped.
      const proposedHere = count(t, 'sp_node_proposals_total{status="proposed"}');
      expect(proposedHere + count(t, 'sp_node_p2p_messages_received_total{topic="proposal"}')).to.be.at.least(4);
      const dropped = t.split("\n").filter((l) => l.startsWith("sp_node_p2p_messages_dropped_total{"));
      expect(dropped, "honest messages dropped").to.deep.equal([]);
    }
    const proposed = texts.reduce((n, t) => n + count(t, 'sp_node_proposals_total{status="proposed"}'), 0);
    expect(proposed).to.equal(4);
    const published = texts.reduce(
      (n, t) => n + count(t, 'sp_node_p2p_messages_published_total{topic="attestation"}'),
      0,
    );
    expect(published, "attestation messages gossiped").to.be.at.least(4);
    expect(texts.some((t) => metric(t, "sp_node_attestation_collection_seconds_count") > 0)).to.equal(true);
    for (const r of running.splice(0)) expect(await r.interrupt()).to.equal(0);
  });

  it("refuses bad p2p flags in one line with a non-zero exit and writes nothing", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const busyPort = String((busy.address() as { port: number }).port);
    const cases: { name: string; extra: Record<string, string>; error: RegExp }[] = [
      { name: "bootstrap", extra: { "--bootstrap": "/ip4/127.0.0.1/tcp/1" }, error: /--bootstrap names an invalid/ },
      { name: "announce", extra: { "--p2p-announce": "not-a-multiaddr" }, error: /--p2p-announce names an invalid/ },
      { name: "host", extra: { "--p2p-host": "localhost" }, error: /--p2p-host is not an IPv4/ },
      { name: "port", extra: { "--p2p-port": "70000" }, error: /--p2p-port is out of range/ },
      {
        name: "timeout",
        extra: { "--attestation-timeout-ms": "x" },
        error: /--attestation-timeout-ms is out of range/,
      },
      { name: "in use", extra: { "--p2p-port": busyPort }, error: /The p2p port is in use/ },
    ];
    try {
      for (const c of cases) {
        const store = path.join(dir, `store-bad-${c.name.replace(/ /g, "-")}`);
        await expectRefused(startNodeRun(args(1, { ...c.extra, "--store": store }), env()), c.name, c.error, store);
      }
    } finally {
      busy.close();
    }
  });

  /**
   * The processes (0..2) whose keys signed L2 block `blockNumber` (from the proposal's calldata), and how many
   * committee members the proposer's process holds.
   */
  async function signerProcesses(blockNumber: bigint) {
    const logs = await client.getContractEvents({
      address: deployed.rollup,
      abi: rollupAbi,
      eventName: "L2BlockProposed",
      fromBlock: deployed.startBlock,
    });
    const log = logs.find((l) => (l.args as { blockNumber: bigint }).blockNumber === blockNumber)!;
    const tx = await client.getTransaction({ hash: log.transactionHash! });
    const { args } = decodeFunctionData({ abi: rollupAbi, data: tx.input });
    const [, attestations, committee] = args as unknown as [unknown, { signerBitmap: bigint }, Hex];
    const members: Address[] = [];
    for (let i = 0; i < size(committee) / 20; i++) members.push(slice(committee, i * 20, (i + 1) * 20) as Address);
    const signers = members.filter((_, i) => (attestations.signerBitmap >> BigInt(i)) & 1n);
    const processOf = (a: Address) => Math.floor(validatorIndexOf(a, VALIDATORS) / PER);
    const processes = new Set(signers.map(processOf));
    const header = (args as unknown as [{ coinbase: Address }])[0];
    const proposerMembers = members.filter((m) => processOf(m) === processOf(header.coinbase)).length;
    return { processes: [...processes].sort(), proposerMembers };
  }
});

async function scrape(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

function metric(text: string, name: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? NaN : Number(line.slice(name.length + 1));
}
