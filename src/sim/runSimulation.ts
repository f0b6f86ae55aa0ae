import type { NetworkConnection } from "hardhat/types/network";
import { type Address, createPublicClient, createWalletClient, custom, type PublicClient } from "viem";
import { inboxAbi } from "../chain/abi.js";
import { readRollupConfig } from "../chain/readRollupConfig.js";
import { epochAt, epochOf, slotAt, slotStart } from "../chain/time.js";
import { computeCommittee } from "../committee/computeCommittee.js";
import { type SequencerTick, sidecarsOf } from "../node/actors/Sequencer.js";
import { deployPhase, onboardValidators, pinnedValidator } from "./deployPhase.js";
import type { SimulationOptions } from "./options.js";
import { draw, drawInt } from "./random.js";
import { SimulatedL1 } from "./SimulatedL1.js";
import { equivocationEvidence } from "./equivocation.js";
import { SimulatedHardFork } from "./SimulatedHardFork.js";
import { SimulatedNetwork } from "./SimulatedNetwork.js";
import { DEFAULT_SLASH_POLICY } from "../node/slasher/buildPayload.js";
import { validatorAccount, validatorIndexOf } from "../system/validatorKeys.js";
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

/** What every node's slasher slashes: the node's default policy (docs/SLASHING.md). */
export const SLASH_POLICY = DEFAULT_SLASH_POLICY;

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
  const log: RunLog = {
    options: o,
    slots: [],
    reorgs: [],
    withheld: [],
    equivocations: [],
    slashes: [],
    softFork: null,
    fatal: null,
  };
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
  // On `npx hardhat node` Ignition keeps records: each run its own (the in-process network keeps none).
  const deploymentId = o.deploymentId ?? (o.network === "localhost" ? `testnet-${o.phase}-${Date.now()}` : undefined);
  const deployed = await deployPhase(connection, o.phase, o.parameters, deploymentId);
  l1.cache.invalidate(); // the deployment wrote through the connection, not the run's provider
  const [deployerClient] = await connection.viem.getWalletClients();
  const deployer = createWalletClient({
    account: deployerClient.account.address as Address,
    chain,
    transport: custom(l1.provider),
  });
  progress.stage = "onboarding";
  onProgress(progress);
  await onboardValidators({
    publicClient: client,
    walletClient: deployer,
    deployed,
    count: o.validators,
    pinned: pinnedValidator,
  });
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
    slashing: {
      slashingProposer: deployed.slashingProposer,
      slasher: deployed.slasher,
      factory: deployed.slashPayloadFactory,
      policy: SLASH_POLICY,
    },
  });
  await net.start();
  await l1.loadKzgSetups();
  progress.stage = "running";
  const hardFork =
    o.hardForkAt === null
      ? undefined
      : new SimulatedHardFork({
          connection,
          deploymentId: deploymentId === undefined ? undefined : `${deploymentId}-rollup-v2`,
          onDeployed: () => l1.cache.invalidate(),
          client,
          deployer,
          deployed,
          config,
          validators: o.validators,
          pinned: pinnedValidator,
          offline,
          walletFor: (i) => net.walletFor(validatorAccount(i)),
        });
  const forkStep = async (i: number, slot: bigint, sub: bigint) => {
    if (hardFork === undefined || i < o.hardForkAt! || !(await hardFork.tick(slot, sub))) return;
    const v2 = hardFork.v2!;
    await net.switchRollup({
      contracts: { ...net.contracts, rollup: v2.rollup, inbox: v2.inbox, outbox: v2.outbox },
      startBlock: v2.startBlock,
      config: await readRollupConfig(client, v2.rollup),
    });
    log.hardFork!.switchedAtSlot = Number(slot);
  };
  if (hardFork !== undefined)
    log.hardFork = { atSlot: Number(firstSlot) + o.hardForkAt!, fork: hardFork, switchedAtSlot: null };

  const proverTick = async (slot: bigint) => {
    if (o.proverDown !== null && runEpoch(slot) >= o.proverDown.from && runEpoch(slot) <= o.proverDown.to) return;
    // A withheld block's blobs are `blobsUnavailable` to the prover: it retries every L1 slot until the prune.
    for (const node of [net.retired, net.nodes[0]]) await node?.proverTick();
  };
  const domain = { chainId: chain.id, rollup: deployed.rollup };
  const act = async (slot: bigint, ticks: SequencerTick[]) => {
    for (const tick of ticks) {
      if (tick.status !== "proposed") continue;
      if (o.equivocate > 0 && log.equivocations.length === 0) {
        const evidence = await equivocationEvidence({
          seed: o.seed,
          proposal: tick.proposal,
          count: o.equivocate,
          domain: { ...domain, rollup: net.contracts.rollup },
          indexOf: (a) => validatorIndexOf(a, o.validators),
        });
        for (const e of evidence) await net.reportEquivocation(e);
        log.equivocations.push(...evidence.map((e) => ({ slot: Number(slot), attester: e.attester })));
      }
      const withheld = o.withholdRate > 0 && draw(o.seed, "withhold", slot) < o.withholdRate;
      if (withheld) log.withheld.push({ slot: Number(slot), blockNumber: Number(tick.blockNumber) });
      else net.publish(sidecarsOf(tick.proposal.block));
    }
    if (ticks.some((t) => t.status === "proposed" || t.status === "pruned")) await net.syncAll();
  };

  const slash = async (slot: bigint) => {
    for (const tick of await net.slasherTicks())
      for (const execution of tick.executions) {
        if (execution.status !== "executed") continue;
        const payload = net.nodes.map((n) => n.slasher?.payloadByAddress(execution.payload)).find((x) => x);
        log.slashes.push({
          slot: Number(slot),
          payload: execution.payload,
          entries: payload?.entries ?? [],
          offences: payload?.offences.map((x) => x.kind) ?? [],
        });
        progress.slashes = log.slashes.length;
      }
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
        await forkStep(i, slot, sub);
        await proverTick(slot);
        await act(slot, await net.sequencerTicks());
        if (sub === 1n) await slash(slot);
      }
      const { pending, proven } = await net.nodes[0].reader.tips();
      log.slots.push({
        slot: Number(slot),
        pendingTip: Number(pending),
        provenTip: Number(proven),
        version: net.version,
      });
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
      const chains = [net.nodes[0], ...(net.retired === undefined ? [] : [net.retired])];
      const tips = await Promise.all(chains.map((n) => n.reader.tips()));
      if (tips.every(({ pending, proven }) => pending === proven)) break;
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
  const committeeOf = async (version: number, epoch: bigint) => {
    const rollup = version === 1 ? deployed.rollup : hardFork!.v2!.rollup;
    const of = version === 1 ? config : await readRollupConfig(client, rollup);
    return (await computeCommittee({ client, rollup, epoch, config: of })).committee;
  };
  const result = await summarize({ log, source: net.summarySource(), client, clock, startedMs: started, committeeOf });
  net.close();
  timings.checkMs = performance.now() - mark;
  return { ...result, timings };
}
