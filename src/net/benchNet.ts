import { cpus, loadavg } from "node:os";
import { toHex } from "viem";
import { rollupAbi } from "../chain/abi.js";
import { readRollupConfig } from "../chain/readRollupConfig.js";
import { epochAt, slotAt, slotStart } from "../chain/time.js";
import { LocalTestnet, type LocalTestnetOptions } from "./LocalTestnet.js";
import {
  cpuSeconds,
  type GossipCounters,
  gossipCounters,
  memory,
  quantile,
  round1 as round,
} from "./processFigures.js";

export type NetBenchOptions = Omit<LocalTestnetOptions, "prover"> & {
  /** Consecutive slots to produce. */
  slots: number;
  /** How long to wait for a slot's block before counting it missed. */
  slotTimeoutMs?: number;
  onSlot?: (slot: number, produced: boolean) => void;
};

export type NetBenchReport = {
  processes: number;
  validators: number;
  committee: number;
  slots: number;
  produced: number;
  attestationCollectionMs: { samples: number; p50: number; p95: number; max: number; goalP95: number };
  signaturesPerProposal: { min: number; median: number };
  messagesPerSlot: { received: number; published: number; dropped: number };
  perProcess: {
    name: string;
    validators: number;
    cpuSeconds: number;
    cpuPercent: number;
    rssMb: number;
    peakRssMb: number;
  }[];
  /** The `npx hardhat node` every process polls (it shares the machine). */
  l1Node: { cpuSeconds: number; rssMb: number };
  machine: { cpus: number; loadAverage1m: number };
  wallSeconds: number;
};

/**
 * `npm run bench:net`: a `LocalTestnet` of `processes` node processes produces `slots` consecutive slots; reports
 * the attestation collection time (from the proposer's collect call to floor(2n/3)+1 signatures, the node's
 * `attestations.collected` log lines), CPU and memory per process (`/proc`), and gossip messages per slot.
 */
export async function runNetBench(o: NetBenchOptions): Promise<NetBenchReport> {
  const net = await LocalTestnet.start({ ...o, prover: false });
  try {
    const { client, deployed } = net;
    const { clock } = await readRollupConfig(client, deployed.rollup);
    const raw = net.l1Provider;
    const pending = async () =>
      (await client.readContract({ address: deployed.rollup, abi: rollupAbi, functionName: "getTips" }))
        .pendingBlockNumber;
    const before = await Promise.all(net.processes.map((_, i) => counters(net, i)));
    const cpu0 = net.processes.map((p) => cpuSeconds(p.run.pid));
    const l1Cpu0 = cpuSeconds(net.l1.pid);
    const t0 = performance.now();
    const first = (epochAt(clock, (await client.getBlock()).timestamp) + 2n) * clock.epochDuration;
    let produced = 0;
    let slot = first;
    for (let k = 0; k < o.slots; k++) {
      // The next slot that has not begun on L1 (a slow slot may have run past the next one's start).
      const latest = slotAt(clock, (await client.getBlock()).timestamp);
      slot = slot > latest ? slot : latest + 1n;
      await raw.request({ method: "evm_setNextBlockTimestamp", params: [toHex(slotStart(clock, slot))] });
      slot++;
      await raw.request({ method: "evm_mine" });
      const deadline = Date.now() + (o.slotTimeoutMs ?? 60_000);
      while ((await pending()) < BigInt(produced + 1) && Date.now() < deadline) await sleep(100);
      const ok = (await pending()) >= BigInt(produced + 1);
      if (ok) produced++;
      o.onSlot?.(k, ok);
      // Slots are 36 s apart on a real network: let every follower reach the block before the next slot opens,
      // so the next collection measures the network, not a follower polling behind.
      const synced = Date.now() + 10_000;
      while (Date.now() < synced) {
        const tips = await Promise.all(net.processes.map((_, i) => net.pendingTipOf(i)));
        if (tips.every((t) => t >= produced)) break;
        await sleep(100);
      }
    }
    const wallSeconds = (performance.now() - t0) / 1000;
    const after = await Promise.all(net.processes.map((_, i) => counters(net, i)));
    const lines = net.processes.flatMap((p) => p.run.logs.filter((l) => l.event === "attestations.collected"));
    const ms = lines.map((l) => l.ms as number).sort((a, b) => a - b);
    const signatures = lines.map((l) => l.signatures as number).sort((a, b) => a - b);
    const committee = (lines[0]?.committee as number | undefined) ?? 0;
    const sum = (f: (c: Counters) => number) => after.reduce((n, c, i) => n + f(c) - f(before[i]), 0);
    return {
      processes: o.processes,
      validators: o.validators,
      committee,
      slots: o.slots,
      produced,
      attestationCollectionMs: {
        samples: ms.length,
        p50: quantile(ms, 0.5),
        p95: quantile(ms, 0.95),
        max: ms.at(-1) ?? NaN,
        goalP95: 500,
      },
      signaturesPerProposal: { min: signatures[0] ?? 0, median: quantile(signatures, 0.5) },
      messagesPerSlot: {
        received: round(sum((c) => c.received) / o.slots),
        published: round(sum((c) => c.published) / o.slots),
        dropped: round(sum((c) => c.dropped) / o.slots),
      },
      perProcess: net.processes.map((p, i) => {
        const seconds = cpuSeconds(p.run.pid) - cpu0[i];
        const { rss, peak } = memory(p.run.pid);
        return {
          name: p.name,
          validators: p.validators[1] - p.validators[0],
          cpuSeconds: round(seconds),
          cpuPercent: round((100 * seconds) / wallSeconds),
          rssMb: rss,
          peakRssMb: peak,
        };
      }),
      l1Node: { cpuSeconds: round(cpuSeconds(net.l1.pid) - l1Cpu0), rssMb: memory(net.l1.pid).rss },
      machine: { cpus: cpus().length, loadAverage1m: round(loadavg()[0]) },
      wallSeconds: round(wallSeconds),
    };
  } finally {
    await net.stop();
  }
}

type Counters = GossipCounters;

async function counters(net: LocalTestnet, i: number): Promise<Counters> {
  return gossipCounters(await net.metrics(i));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
