import type { NetworkConnection } from "hardhat/types/network";
import { type Address, createPublicClient, createWalletClient, custom, type PublicClient } from "viem";
import { inboxAbi } from "../chain/abi.js";
import { readRollupConfig } from "../chain/readRollupConfig.js";
import { epochAt, epochOf, slotAt, slotStart } from "../chain/time.js";
import { type SequencerTick, sidecarsOf } from "../node/actors/Sequencer.js";
import { deployPhase, onboardValidators } from "./deployPhase.js";
import type { SimulationOptions } from "./options.js";
import { draw, drawInt } from "./random.js";
import { SimulatedL1 } from "./SimulatedL1.js";
import { SimulatedNetwork } from "./SimulatedNetwork.js";
import { summarize, type RunLog } from "./summarize.js";
import type { SimulationReport, SlotRecord } from "./types.js";

/** What a run shows while it runs. */
export type SimulationProgress = {
  stage: "deploying" | "onboarding" | "running" | "draining" | "checking";
  slot: number;
  slots: number;
  blocks: number;
  pendingTip: number;
  provenTip: number;
  reorgs: number;
  prunes: number;
  slashes: number;
};

/** Where a run's wall-clock time went (milliseconds): deploy and onboarding, the slots, the drain, the checks. */
export type RunTimings = { setupMs: number; slotsMs: number; drainMs: number; checkMs: number };

/** L1 slots (12 s) per L2 slot (36 s): the proposer acts in the first, the prover and retries in every one. */
const L1_SLOT_SECONDS = 12n;
/** The client version nodes run, and the one the soft fork upgrades them to. */
export const CLIENT_VERSIONS = ["sp-testnet-node/1.0.0", "sp-testnet-node/1.1.0"] as const;

/**
 * Runs a phase of the network on `connection` (the in-process network or `npx hardhat node`): deploys it with the
 * phase's Ignition parameters, onboards its validators through the production path, then runs the nodes' actors
 * (followers, sequencers, attesters, prover) slot by slot in simulated L1 time with the faults asked for, and
 * returns the report and the per-slot timeline. A fatal error stops the run and is reported, not thrown.
 */
export async function runSimulation(
  connection: NetworkConnection<string>,
  o: SimulationOptions,
  onProgress: (p: SimulationProgress) => void = () => {},
  hooks: { observeRpc?: (method: string, ms: number) => void } = {},
): Promise<{ report: SimulationReport; timeline: SlotRecord[]; timings: RunTimings }> {
  const started = performance.now();
  const log: RunLog = { options: o, slots: [], reorgs: [], withheld: [], softFork: null, fatal: null };
  const progress: SimulationProgress = {
    stage: "deploying",
    slot: 0,
    slots: o.slots,
    blocks: 0,
    pendingTip: 0,
    provenTip: 0,
    reorgs: 0,
    prunes: 0,
    slashes: 0,
  };
  onProgress(progress);

  const l1 = new SimulatedL1(connection.provider, o.reorgRate > 0 ? o.reorgMaxDepth : 0, hooks.observeRpc);
  const { chain } = await connection.viem.getPublicClient();
  const client = createPublicClient({ chain, transport: custom(l1.provider), pollingInterval: 10 }) as PublicClient;
  const deployed = await deployPhase(
    connection,
    o.phase,
    o.parameters,
    o.deploymentId ?? (o.network === "localhost" ? `testnet-${o.phase}-${Date.now()}` : undefined),
  );
  const [deployerClient] = await connection.viem.getWalletClients();
  const deployer = createWalletClient({
    account: deployerClient.account.address as Address,
    chain,
    transport: custom(l1.provider),
  });
  progress.stage = "onboarding";
  onProgress(progress);
  await onboardValidators({ publicClient: client, walletClient: deployer, deployed, count: o.validators });
  const config = await readRollupConfig(client, deployed.rollup);
  const inboxHeight = Number(
    await client.readContract({ address: deployed.inbox, abi: inboxAbi, functionName: "HEIGHT" }),
  );
  const { clock } = config;

  // Deposits count two epochs after the one they were made in: the run starts there.
  const firstEpoch = epochAt(clock, await l1.now()) + 2n;
  const firstSlot = firstEpoch * clock.epochDuration;
  log.firstSlot = Number(firstSlot);
  const runEpoch = (slot: bigint) => Number(epochOf(clock, slot) - firstEpoch);
  log.committeeSize = Math.min(Number(config.targetCommitteeSize), o.validators);
  const offlineSeats = new Set<string>();
  const offline = (account: Address, slot: bigint) => {
    const down = o.offlineRate > 0 && draw(o.seed, "offline", slot, account.toLowerCase()) < o.offlineRate;
    if (down) offlineSeats.add(`${slot}/${account.toLowerCase()}`);
    return down;
  };
  const net = new SimulatedNetwork({
    l1,
    client,
    chain,
    contracts: {
      rollup: deployed.rollup,
      inbox: deployed.inbox,
      outbox: deployed.outbox,
      stakingEscrow: deployed.stakingEscrow,
      governance: deployed.governance,
      governanceProposer: deployed.governanceProposer,
    },
    startBlock: deployed.startBlock,
    config,
    validators: o.validators,
    nodes: o.nodes,
    txsPerBlock: o.txsPerBlock,
    inboxHeight,
    clientVersion: CLIENT_VERSIONS[0],
    seed: o.seed,
    offline,
  });
  await net.start();
  progress.stage = "running";

  const proverTick = async (slot: bigint) => {
    if (o.proverDown !== null && runEpoch(slot) >= o.proverDown.from && runEpoch(slot) <= o.proverDown.to) return;
    try {
      await net.nodes[0].proverTick();
    } catch {
      // The prover could not have an unproven block's blobs (withheld): it retries next L1 slot.
    }
  };
  const act = async (slot: bigint, ticks: SequencerTick[]) => {
    for (const tick of ticks) {
      if (tick.status !== "proposed") continue;
      const withheld = o.withholdRate > 0 && draw(o.seed, "withhold", slot) < o.withholdRate;
      if (withheld) log.withheld.push({ slot: Number(slot), blockNumber: Number(tick.blockNumber) });
      else net.publish(sidecarsOf(tick.proposal.block));
    }
    if (ticks.some((t) => t.status === "proposed" || t.status === "pruned")) await net.syncAll();
  };

  const timings: RunTimings = { setupMs: performance.now() - started, slotsMs: 0, drainMs: 0, checkMs: 0 };
  let mark = performance.now();
  try {
    await net.syncAll();
    for (let i = 0; i < o.slots; i++) {
      const slot = firstSlot + BigInt(i);
      const t0 = slotStart(clock, slot);
      if (o.softForkAt === i) {
        await l1.mineAt(t0);
        await net.upgradeAndResync(CLIENT_VERSIONS[1]);
        log.softFork = { slot: Number(slot), resyncedAtSlot: Number(slotAt(clock, await l1.now())) };
      }
      for (let sub = 0n; sub < 3n; sub++) {
        if (sub === 0n && o.reorgRate > 0 && draw(o.seed, "reorg", slot) < o.reorgRate) {
          const result = await l1.reorg(drawInt(1, o.reorgMaxDepth, o.seed, "reorg-depth", slot));
          if (result !== null) {
            progress.reorgs++;
            await l1.mineAt(t0);
            const reports = await net.syncAll();
            log.reorgs.push({
              slot: Number(slot),
              depth: Number(result.depth),
              detectedByAll: reports.every((r) => r.reorg !== null && r.reorg.depth >= 1n),
              l2BlocksDropped: Math.max(...reports.map((r) => r.changes.l2Blocks.dropped.length)),
            });
          }
        }
        if (!(sub === 0n && o.softForkAt === i)) await l1.mineAt(t0 + sub * L1_SLOT_SECONDS);
        await net.syncAll();
        await proverTick(slot);
        await act(slot, await net.sequencerTicks());
      }
      const { pending, proven } = await net.nodes[0].reader.tips();
      log.slots.push({ slot: Number(slot), pendingTip: Number(pending), provenTip: Number(proven) });
      Object.assign(progress, { slot: i + 1, pendingTip: Number(pending), provenTip: Number(proven) });
      progress.blocks = net.nodes[0].store.count("l2Blocks", firstSlot);
      progress.prunes = net.nodes[0].store.count("prunes");
      onProgress(progress);
    }

    timings.slotsMs = performance.now() - mark;
    mark = performance.now();
    // Drain: no more proposals; L1 goes on until every epoch with blocks is proven or its window has closed.
    progress.stage = "draining";
    onProgress(progress);
    const endSlot = firstSlot + BigInt(o.slots);
    const deadline = slotStart(clock, endSlot) + clock.slotDuration * clock.epochDuration * 2n;
    for (let t = slotStart(clock, endSlot); t < deadline; t += L1_SLOT_SECONDS) {
      const { pending, proven } = await net.nodes[0].reader.tips();
      if (pending === proven) break;
      await l1.mineAt(t);
      await net.syncAll();
      await proverTick(slotAt(clock, t));
      await net.syncAll();
    }
    timings.drainMs = performance.now() - mark;
  } catch (error) {
    log.fatal = (error as Error).message.split("\n")[0];
  }
  mark = performance.now();

  log.offlineSeats = offlineSeats.size;
  progress.stage = "checking";
  onProgress(progress);
  const result = await summarize({ log, net, client, clock, startedMs: started });
  net.close();
  timings.checkMs = performance.now() - mark;
  return { ...result, timings };
}
