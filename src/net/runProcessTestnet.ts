import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { NetworkConnection } from "hardhat/types/network";
import { type Address, toHex } from "viem";
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
import { type FollowedRollup, ProcessHardFork } from "./processHardFork.js";
import { processSummarySource } from "./processSummarySource.js";

/** L1 blocks are 12 s apart inside a 36 s slot: the proposer acts in the first, the prover in any. */
const L1_SLOT_SECONDS = 12n;
/** How long a slot waits for its block when its proposer's process serves (then the slot counts as missed). */
const BLOCK_WAIT_MS = 30_000;
/** How long a slot waits for every running process's follower to reach its block (as `bench:net` does). */
const SYNC_WAIT_MS = 10_000;
/** In the drain, how long each L1 block waits for the prover before the next is mined. */
const PROOF_WAIT_MS = 20_000;
/** After a hard fork, v2's chain is read from the prover process started at the switch. */
const V2_CHAIN = { version: 2, prover: "prover-v2" };

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
    // The Rollup the run reads: v1, then v2 once the hard fork's switch moved the processes.
    let followed: FollowedRollup = { version: 1, rollup: deployed.rollup, config };
    const tipsOf = async (rollup: Address) => {
      const t = await client.readContract({ address: rollup, abi: rollupAbi, functionName: "getTips" });
      return { pending: Number(t.pendingBlockNumber), proven: Number(t.provenBlockNumber) };
    };
    const tips = () => tipsOf(followed.rollup);
    /** Mines the next L1 block at `t` (or just after the last one: automined transactions move L1 time too). */
    const mineAt = async (t: bigint) => {
      const latest = (await client.getBlock()).timestamp;
      const at = t > latest ? t : latest + 1n;
      await raw.request({ method: "evm_setNextBlockTimestamp", params: [toHex(at)] });
      await raw.request({ method: "evm_mine" });
    };
    const recorder = new P2PRecorder(net);
    const faults = new ProcessFaults(net, recorder, o, validatorProcesses);
    const committees = new Map<string, EpochCommittee>();
    const committeeAt = async (slot: bigint) => {
      const { version, rollup, config: of } = followed;
      const epoch = epochOf(clock, slot);
      const key = `${version}/${epoch}`;
      if (!committees.has(key)) committees.set(key, await computeCommittee({ client, rollup, epoch, config: of }));
      return committees.get(key)!;
    };
    const followersAt = async (tip: number) => {
      const deadline = Date.now() + SYNC_WAIT_MS;
      for (const i of faults.running().filter((k) => net!.current().includes(k)))
        while (Date.now() < deadline && (await net!.pendingTipOf(i)) < tip) await sleep(100);
    };

    // Deposits count two epochs after the one they were made in: the run starts there.
    const firstSlot = (epochAt(clock, (await client.getBlock()).timestamp) + 2n) * clock.epochDuration;
    log.firstSlot = Number(firstSlot);
    log.committeeSize = Math.min(Number(config.targetCommitteeSize), o.validators);
    const hardFork =
      o.hardForkAt === null
        ? undefined
        : await ProcessHardFork.create(net, { validators: o.validators, config, deploymentId, recorder });
    if (hardFork !== undefined)
      log.hardFork = { atSlot: Number(firstSlot) + o.hardForkAt!, fork: hardFork.fork, switchedAtSlot: null };
    /** v1's blocks once the processes moved to v2 (the progress line counts both chains). */
    let v1Blocks = 0;
    const forkStep = async (i: number, slot: bigint, sub: bigint) => {
      if (hardFork !== undefined && i >= o.hardForkAt!) await hardFork.step(slot, sub);
    };
    const forkSwitch = async (i: number, slot: bigint) => {
      const next = hardFork === undefined || i < o.hardForkAt! ? null : await hardFork.switchBefore(slot);
      if (next === null) return;
      v1Blocks = (await tips()).pending;
      followed = next;
      log.hardFork!.switchedAtSlot = Number(slot);
    };
    progress.stage = "running";
    try {
      for (let i = 0; i < o.slots; i++) {
        const slot = firstSlot + BigInt(i);
        const t0 = slotStart(clock, slot);
        await forkSwitch(i, slot);
        const before = await tips();
        // The committee is read once L1 time is in the slot (the Rollup samples it at the epoch's start).
        await mineAt(t0);
        await forkStep(i, slot, 0n);
        const committee = await committeeAt(slot);
        await faults.beforeSlot(i, slot, committee, before.pending);
        const proposer = proposerOf(committee, slot);
        const serving =
          proposer !== undefined && faults.serving(net.processOf(validatorIndexOf(proposer, o.validators)));
        if (serving) await until(async () => (await tips()).pending > before.pending, BLOCK_WAIT_MS);
        const { pending: landed } = await tips();
        faults.majoritySlot(serving, landed > before.pending);
        await followersAt(landed);
        for (let sub = 1n; sub < 3n; sub++) {
          await mineAt(t0 + sub * L1_SLOT_SECONDS);
          await forkStep(i, slot, sub);
        }
        await faults.afterSlot();
        const { pending, proven } = await tips();
        log.slots.push({ slot: Number(slot), pendingTip: pending, provenTip: proven, version: followed.version });
        Object.assign(progress, { slot: i + 1, pendingTip: pending, provenTip: proven, blocks: v1Blocks + pending });
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
      // After a hard fork v1's last epochs are proven by the prover left on it: the drain waits for both chains.
      const ends = [{ rollup: followed.rollup, tip: runTip }];
      if (followed.version === 2) ends.push({ rollup: deployed.rollup, tip: (await tipsOf(deployed.rollup)).pending });
      const provenAll = async () => await Promise.all(ends.map(async (e) => (await tipsOf(e.rollup)).proven));
      const allProven = (proven: number[]) => proven.every((p, k) => p >= ends[k].tip);
      const endSlot = firstSlot + BigInt(o.slots);
      const nextEpoch = slotStart(clock, (epochOf(clock, endSlot - 1n) + 1n) * clock.epochDuration);
      const deadline = slotStart(clock, endSlot) + clock.slotDuration * clock.epochDuration * 2n;
      for (let t = nextEpoch; t < deadline; t += L1_SLOT_SECONDS) {
        const proven = await provenAll();
        if (allProven(proven) && !faults.recovering) break;
        await mineAt(t);
        await until(async () => {
          const now = await provenAll();
          return now.some((p, k) => p > proven[k]) || allProven(now);
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
    const chains = [{ version: 1, prover: "prover" }, ...(followed.version === 2 ? [V2_CHAIN] : [])];
    const source = await processSummarySource({
      client,
      chainId: await client.getChainId(),
      stores: net.processes.map((p) => ({ name: p.name, dir: p.store })),
      formerStores: net.processes.flatMap((p) => (p.formerStore === undefined ? [] : [p.formerStore])),
      chains,
    });
    try {
      const committeeOf = async (version: number, epoch: bigint) => {
        const { rollup, config: of } = version === 1 ? { rollup: deployed.rollup, config } : followed;
        return (await computeCommittee({ client, rollup, epoch, config: of })).committee;
      };
      const result = await summarize({ log, source, client, clock, startedMs: started, committeeOf });
      return { timeline: result.timeline, report: { ...result.report, p2p } };
    } finally {
      source.close();
    }
  } finally {
    process.removeListener("SIGINT", onInterrupt);
    await net?.stop();
    await rm(dir, { recursive: true, force: true });
    for (const id of [deploymentId, `${deploymentId}-verifier`, `${deploymentId}-rollup-v2`, "chain-31337"])
      await rm(path.join(process.cwd(), "ignition", "deployments", id), { recursive: true, force: true });
    if (interrupt.signal.aborted && net === undefined) process.exit(130); // Ctrl-C while starting: all stopped
  }
}

/** Polls `probe` every 100 ms until it holds or `timeoutMs` passed (a slot then goes on without it). */
async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe()) && Date.now() < deadline) await sleep(100);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
