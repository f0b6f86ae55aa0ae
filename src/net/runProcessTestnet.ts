import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { NetworkConnection } from "hardhat/types/network";
import { toHex } from "viem";
import { rollupAbi } from "../chain/abi.js";
import { readRollupConfig } from "../chain/readRollupConfig.js";
import { epochAt, epochOf, slotStart } from "../chain/time.js";
import { computeCommittee, type EpochCommittee, proposerOf } from "../committee/computeCommittee.js";
import type { SimulationOptions } from "../sim/options.js";
import type { SimulationProgress } from "../sim/runSimulation.js";
import { summarize, type RunLog } from "../sim/summarize.js";
import type { SimulationReport, SlotRecord } from "../sim/types.js";
import { validatorIndexOf } from "../system/validatorKeys.js";
import { LocalTestnet } from "./LocalTestnet.js";
import { P2PRecorder } from "./P2PRecorder.js";
import { ProcessFaults } from "./ProcessFaults.js";
import { processSummarySource } from "./processSummarySource.js";
import { gauge } from "./processFigures.js";

/** L1 blocks are 12 s apart inside a 36 s slot: the proposer acts in the first, the prover in any. */
const L1_SLOT_SECONDS = 12n;
/** How long a slot waits for its block when its proposer's process serves (then the slot counts as missed). */
const BLOCK_WAIT_MS = 30_000;
/** How long a slot waits for every running process's follower to reach its block (as `bench:net` does). */
const SYNC_WAIT_MS = 10_000;
/** In the drain, how long each L1 block waits for the prover before the next is mined. */
const PROOF_WAIT_MS = 20_000;

/**
 * `npm run testnet -- --processes N`: the phase over real processes. A `LocalTestnet` (its own `npx hardhat node`,
 * N `node:run` validator processes and one prover process over libp2p); L1 time moved slot by slot — three 12 s L1
 * blocks per 36 s slot through the node's time RPCs, each slot waiting for its block — with the process faults
 * of `ProcessFaults`; then a drain until every epoch is proven or its window closed. The processes are stopped by
 * their PIDs and their stores checked: the report, timeline and gate are `summarize`'s, as in process, plus the
 * p2p figures of every process. Ctrl-C (SIGINT) stops every process before exiting. A fatal error stops the run
 * and is reported, not thrown.
 */
export async function runProcessTestnet(
  o: SimulationOptions,
  connect: (url: string) => Promise<NetworkConnection>,
  onProgress: (p: SimulationProgress) => void = () => {},
): Promise<{ report: SimulationReport; timeline: SlotRecord[] }> {
  const started = performance.now();
  const validatorProcesses = o.processes!;
  const log: RunLog = {
    ...{ options: o, slots: [], reorgs: [], withheld: [], equivocations: [], slashes: [] },
    ...{ softFork: null, fatal: null },
  };
  const progress: SimulationProgress = {
    stage: "deploying",
    ...{ slot: 0, slots: o.slots, blocks: 0, pendingTip: 0, provenTip: 0, reorgs: 0, prunes: 0, slashes: 0 },
  };
  onProgress(progress);
  const dir = await mkdtemp(path.join(tmpdir(), "sp-testnet-processes-"));
  const deploymentId = o.deploymentId ?? `testnet-processes-${o.phase}-${Date.now()}`;
  let net: LocalTestnet | undefined;
  // Ctrl-C: every process this run started is stopped by its PID before the command exits (130, as a shell does).
  // While the testnet starts, the start stops what it started so far and throws the abort, handled below.
  const interrupt = new AbortController();
  const onInterrupt = () => {
    interrupt.abort(new Error("interrupted"));
    if (net !== undefined) void net.stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", onInterrupt);
  try {
    net = await LocalTestnet.start({
      processes: validatorProcesses,
      validators: o.validators,
      phase: o.phase,
      parameters: o.parameters,
      txCount: o.txsPerBlock,
      dir,
      deploymentId,
      prover: true,
      connect,
      signal: interrupt.signal,
    });
    const { client, deployed } = net;
    const raw = net.l1Provider;
    const config = await readRollupConfig(client, deployed.rollup);
    const { clock } = config;
    const tips = async () => {
      const t = await client.readContract({ address: deployed.rollup, abi: rollupAbi, functionName: "getTips" });
      return { pending: Number(t.pendingBlockNumber), proven: Number(t.provenBlockNumber) };
    };
    /** Mines the next L1 block at `t` (or just after the last one: automined transactions move L1 time too). */
    const mineAt = async (t: bigint) => {
      const latest = (await client.getBlock()).timestamp;
      const at = t > latest ? t : latest + 1n;
      await raw.request({ method: "evm_setNextBlockTimestamp", params: [toHex(at)] });
      await raw.request({ method: "evm_mine" });
    };
    const recorder = new P2PRecorder(net);
    const faults = new ProcessFaults(net, recorder, o, validatorProcesses);
    const committees = new Map<bigint, EpochCommittee>();
    const committeeAt = async (slot: bigint) => {
      const epoch = epochOf(clock, slot);
      if (!committees.has(epoch))
        committees.set(epoch, await computeCommittee({ client, rollup: deployed.rollup, epoch, config }));
      return committees.get(epoch)!;
    };
    const followersAt = async (tip: number) => {
      const deadline = Date.now() + SYNC_WAIT_MS;
      for (const i of faults.running())
        while (Date.now() < deadline) {
          const text = await net!.metrics(i).catch(() => "");
          if (gauge(text, "sp_node_l2_pending_tip") >= tip) break;
          await sleep(100);
        }
    };

    // Deposits count two epochs after the one they were made in: the run starts there.
    const firstSlot = (epochAt(clock, (await client.getBlock()).timestamp) + 2n) * clock.epochDuration;
    log.firstSlot = Number(firstSlot);
    log.committeeSize = Math.min(Number(config.targetCommitteeSize), o.validators);
    progress.stage = "running";
    try {
      for (let i = 0; i < o.slots; i++) {
        const slot = firstSlot + BigInt(i);
        const t0 = slotStart(clock, slot);
        const before = await tips();
        // The committee is read once L1 time is in the slot (the Rollup samples it at the epoch's start).
        await mineAt(t0);
        const committee = await committeeAt(slot);
        await faults.beforeSlot(i, slot, committee, before.pending);
        const proposer = proposerOf(committee, slot);
        const serving =
          proposer !== undefined && faults.serving(net.processOf(validatorIndexOf(proposer, o.validators)));
        if (serving) await until(async () => (await tips()).pending > before.pending, BLOCK_WAIT_MS);
        const { pending: landed } = await tips();
        faults.majoritySlot(serving, landed > before.pending);
        await followersAt(landed);
        for (let sub = 1n; sub < 3n; sub++) await mineAt(t0 + sub * L1_SLOT_SECONDS);
        await faults.afterSlot();
        const { pending, proven } = await tips();
        log.slots.push({ slot: Number(slot), pendingTip: pending, provenTip: proven, version: 1 });
        Object.assign(progress, { slot: i + 1, pendingTip: pending, provenTip: proven, blocks: pending });
        onProgress(progress);
      }
      // Drain: no more proposals; the epoch after the last opens (the prover proves an epoch once it ended), then
      // L1 goes on until every block is proven or two epochs passed.
      progress.stage = "draining";
      onProgress(progress);
      // The sequencers go on proposing as L1 moves: the drain waits for the run's blocks (up to the tip at its
      // end), never for the pending tip, which a new proposal can move past every proof.
      const runTip = (await tips()).pending;
      await faults.endOfRun(runTip);
      const endSlot = firstSlot + BigInt(o.slots);
      const nextEpoch = slotStart(clock, (epochOf(clock, endSlot - 1n) + 1n) * clock.epochDuration);
      const deadline = slotStart(clock, endSlot) + clock.slotDuration * clock.epochDuration * 2n;
      for (let t = nextEpoch; t < deadline; t += L1_SLOT_SECONDS) {
        const { proven } = await tips();
        if (proven >= runTip && !faults.recovering) break;
        await mineAt(t);
        await until(async () => {
          const now = await tips();
          return now.proven > proven || now.proven >= runTip;
        }, PROOF_WAIT_MS);
        await faults.afterSlot();
      }
    } catch (error) {
      log.fatal = (error as Error).message.split("\n")[0];
    }
    log.processFaults = faults.counted;
    log.softFork = faults.softFork;
    const p2p = await recorder.figures(o.slots);

    progress.stage = "checking";
    onProgress(progress);
    await net.stopNodes();
    const source = await processSummarySourceOf(net, config, client);
    try {
      const committeeOf = async (_version: number, epoch: bigint) =>
        (await computeCommittee({ client, rollup: deployed.rollup, epoch, config })).committee;
      const result = await summarize({ log, source, client, clock, startedMs: started, committeeOf });
      return { timeline: result.timeline, report: { ...result.report, p2p } };
    } finally {
      source.close();
    }
  } finally {
    process.removeListener("SIGINT", onInterrupt);
    await net?.stop();
    await rm(dir, { recursive: true, force: true });
    for (const id of [deploymentId, `${deploymentId}-verifier`, "chain-31337"])
      await rm(path.join(process.cwd(), "ignition", "deployments", id), { recursive: true, force: true });
    if (interrupt.signal.aborted && net === undefined) process.exit(130); // Ctrl-C while starting: all stopped
  }
}

async function processSummarySourceOf(
  net: LocalTestnet,
  config: Awaited<ReturnType<typeof readRollupConfig>>,
  client: LocalTestnet["client"],
) {
  return processSummarySource({
    client,
    chainId: await client.getChainId(),
    config,
    stores: net.processes.map((p) => ({ name: p.name, dir: p.store })),
    prover: "prover",
  });
}

/** Polls `probe` every 100 ms until it holds or `timeoutMs` passed (a slot then goes on without it). */
async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe()) && Date.now() < deadline) await sleep(100);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
