import type { P2PFigures } from "../sim/types.js";
import type { LocalTestnet } from "./LocalTestnet.js";
import { cpuSeconds, type GossipCounters, gossipCounters, memory, quantile, round1 } from "./processFigures.js";

type Totals = GossipCounters & { cpuSeconds: number; peakRssMb: number; starts: number; collectionMs: number[] };

/**
 * Adds up each process's figures over its runs: a process's counters, CPU time and logs start again when it is
 * restarted, so `retire(i)` banks what its current run showed before it is killed, and `figures()` adds the runs
 * still alive at the end.
 */
export class P2PRecorder {
  private readonly totals: Totals[];

  constructor(private readonly net: LocalTestnet) {
    this.totals = net.processes.map(fresh);
  }

  /** A process started after the recorder (the new Rollup's prover at a hard fork), the last of `net.processes`. */
  added(): void {
    this.totals.push(fresh());
  }

  /** Banks process `i`'s current run (call before killing it; `restarted(i)` after starting it again). */
  async retire(i: number): Promise<void> {
    const t = this.totals[i];
    const { run } = this.net.processes[i];
    const counters = await this.net.metrics(i).then(gossipCounters, () => ({ received: 0, published: 0, dropped: 0 }));
    t.received += counters.received;
    t.published += counters.published;
    t.dropped += counters.dropped;
    try {
      t.cpuSeconds += cpuSeconds(run.pid);
      t.peakRssMb = Math.max(t.peakRssMb, memory(run.pid).peak);
    } catch {
      // the process is gone already (its /proc entry with it): its CPU and memory of this run are unknown
    }
    t.collectionMs.push(...collectionTimes(run.logs));
  }

  restarted(i: number): void {
    this.totals[i].starts++;
  }

  /** Every process's figures: banked runs plus the current ones (call while they still run). */
  async figures(slots: number): Promise<P2PFigures> {
    const live = this.net.processes.map((_, i) => i);
    for (const i of live) await this.retire(i);
    const sum = (f: (t: Totals) => number) => this.totals.reduce((n, t) => n + f(t), 0);
    const ms = this.totals.flatMap((t) => t.collectionMs).sort((a, b) => a - b);
    const received = sum((t) => t.received);
    return {
      messages: {
        received,
        published: sum((t) => t.published),
        dropped: sum((t) => t.dropped),
        perSlot: round1(received / Math.max(1, slots)),
      },
      attestationCollectionMs: {
        samples: ms.length,
        p50: ms.length === 0 ? 0 : quantile(ms, 0.5),
        p95: ms.length === 0 ? 0 : quantile(ms, 0.95),
        max: ms.at(-1) ?? 0,
      },
      processes: this.net.processes.map((p, i) => ({
        name: p.name,
        validators: p.validators[1] - p.validators[0],
        starts: this.totals[i].starts,
        cpuSeconds: round1(this.totals[i].cpuSeconds),
        peakRssMb: this.totals[i].peakRssMb,
        clientVersion: (p.started.clientVersion as string | undefined) ?? null,
      })),
    };
  }
}

function fresh(): Totals {
  return { received: 0, published: 0, dropped: 0, cpuSeconds: 0, peakRssMb: 0, starts: 1, collectionMs: [] };
}

function collectionTimes(logs: readonly { event?: string; [key: string]: unknown }[]): number[] {
  return logs.filter((l) => l.event === "attestations.collected").map((l) => l.ms as number);
}
