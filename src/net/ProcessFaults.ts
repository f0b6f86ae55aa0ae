import type { EpochCommittee } from "../committee/computeCommittee.js";
import type { SimulationOptions } from "../sim/options.js";
import { draw, drawInt } from "../sim/random.js";
import { CLIENT_VERSIONS } from "../sim/runSimulation.js";
import type { RunLog } from "../sim/summarize.js";
import type { SlotEvent } from "../sim/types.js";
import { validatorIndexOf } from "../system/validatorKeys.js";
import type { LocalTestnet } from "./LocalTestnet.js";
import type { P2PRecorder } from "./P2PRecorder.js";

/** The client version the soft fork's rolling restart moves every process onto (as the simulator's). */
export const UPGRADED_CLIENT_VERSION = CLIENT_VERSIONS[1];

/** A killed process is restarted this many slots later, drawn from the seed. */
const RESTART_AFTER_SLOTS = [1, 3] as const;

/**
 * The process-level faults of `npm run testnet -- --processes N`, applied at the start of each run slot: a
 * validator process SIGKILLed with chance `--kill-rate` (one down at a time, none while one is cut off) and
 * restarted on its store 1 to 3 slots later, then counted recovered once its follower reaches the L1 pending tip
 * it had to catch up to; and `--partition a:b`, the process holding the fewest seats of the slot's committee cut
 * off for run slots a..b, then healed; and `--soft-fork-at S`, a rolling restart: in run slot S + k process k
 * (validators first, the prover last) is stopped, started on the upgraded client with `--resync` and waited for
 * until its follower reaches the tip again; the fork counts as resynced once every process has. Every choice is
 * drawn from the run's seed.
 */
export class ProcessFaults {
  /** The process down now, the run slot it restarts at, and whether it was restarted yet. */
  private down: { process: number; restartAt: number } | null = null;
  /** Restarted processes still catching up: the L1 pending tip each must reach. */
  private readonly catchingUp = new Map<number, number>();
  private cutOff: number | null = null;
  /** The L1 slot the faults act in now (timeline events are marked there). */
  private slot = 0;
  /** Processes the soft fork upgraded that have not reached the tip yet, and how many have. */
  private readonly upgrading = new Map<number, number>();
  private upgraded = 0;
  /** The soft fork's L1 slot and the slot every process had resynced by (null until it is done). */
  softFork: { slot: number; resyncedAtSlot: number } | null = null;
  private softForkSlot: number | null = null;
  readonly counted: NonNullable<RunLog["processFaults"]> = {
    kills: { injected: 0, recovered: 0 },
    partition: null,
    events: [],
  };

  constructor(
    private readonly net: LocalTestnet,
    private readonly recorder: P2PRecorder,
    private readonly o: SimulationOptions,
    private readonly validatorProcesses: number,
  ) {}

  /** Whether process `i` can act now (running and connected). */
  serving(i: number): boolean {
    return this.down?.process !== i && this.cutOff !== i;
  }

  /** The validator processes that run now (what a slot waits on). */
  running(): number[] {
    return this.net.processes.map((_, i) => i).filter((i) => this.down?.process !== i);
  }

  /** Applies the faults due at the start of run slot `i` (`slot` on L1, `committee` its epoch's). */
  async beforeSlot(i: number, slot: bigint, committee: EpochCommittee, pendingTip: number): Promise<void> {
    const { o } = this;
    this.slot = Number(slot);
    if (this.down !== null && i >= this.down.restartAt) await this.restart(pendingTip);
    if (o.partition !== null && i === o.partition.to + 1) await this.heal();
    if (o.partition !== null && i === o.partition.from) {
      if (this.down !== null) await this.restart(pendingTip); // one fault at a time keeps 2/3 on one side
      const seats = (p: number) =>
        committee.committee.filter((m) => this.net.processOf(validatorIndexOf(m, o.validators)) === p).length;
      const minority = [...Array(this.validatorProcesses).keys()].sort((a, b) => seats(a) - seats(b))[0];
      this.net.partition(minority);
      await this.net.processes[minority].run.waitFor((l) => l.event === "p2p.isolated", 10_000);
      this.cutOff = minority;
      const { name } = this.net.processes[minority];
      this.counted.partition = {
        ...{ process: name, fromSlot: Number(slot), toSlot: Number(slot) + o.partition.to - o.partition.from },
        ...{ healed: false, majorityProposerSlots: 0, majorityBlocks: 0 },
      };
      this.event("partition", `${name} cut off (${seats(minority)} of ${committee.committee.length} seats)`);
    }
    const rolling = o.softForkAt !== null && i >= o.softForkAt && i < o.softForkAt + this.net.processes.length;
    if (rolling) await this.upgrade(i - o.softForkAt!, pendingTip);
    const partitioned = o.partition !== null && i >= o.partition.from && i <= o.partition.to;
    const quiet = this.down === null && !partitioned && !rolling && this.upgrading.size === 0;
    if (quiet && o.killRate > 0 && draw(o.seed, "kill", slot) < o.killRate) {
      const victim = drawInt(0, this.validatorProcesses - 1, o.seed, "kill-victim", slot);
      await this.recorder.retire(victim);
      await this.net.kill(victim);
      this.catchingUp.delete(victim);
      this.down = { process: victim, restartAt: i + drawInt(...RESTART_AFTER_SLOTS, o.seed, "kill-restart", slot) };
      this.counted.kills.injected++;
      this.event("kill", `${this.net.processes[victim].name} SIGKILLed`);
    }
  }

  /**
   * Counts a slot of the partition whose proposer's process serves (so on the majority side), and whether it got
   * its block: with ≥ 2/3 of the committee on that side, every such slot should.
   */
  majoritySlot(proposerServes: boolean, blockLanded: boolean): void {
    const cut = this.counted.partition;
    if (this.cutOff === null || cut === null || !proposerServes) return;
    cut.majorityProposerSlots++;
    if (blockLanded) cut.majorityBlocks++;
  }

  /** Counts restarted and upgraded processes whose follower reached the pending tip they had to catch up to. */
  async afterSlot(): Promise<void> {
    for (const [p, tip] of await this.reached(this.upgrading)) {
      this.upgraded++;
      this.event("restart", `${this.net.processes[p].name} resynced to block ${tip} on ${UPGRADED_CLIENT_VERSION}`);
      if (this.upgraded === this.net.processes.length)
        this.softFork = { slot: this.softForkSlot!, resyncedAtSlot: this.slot };
    }
    for (const [p, tip] of await this.reached(this.catchingUp)) {
      this.counted.kills.recovered++;
      this.event("restart", `${this.net.processes[p].name} caught up to block ${tip}`);
    }
  }

  /** Takes out of `waiting` (process → tip) the processes whose follower reached their tip, and returns them. */
  private async reached(waiting: Map<number, number>): Promise<[number, number][]> {
    const done: [number, number][] = [];
    for (const [p, tip] of waiting) if ((await this.net.pendingTipOf(p)) >= tip) done.push([p, tip]);
    for (const [p] of done) waiting.delete(p);
    return done;
  }

  /** At the run's end: the process down is restarted, the cut-off one healed, so the drain runs with all. */
  async endOfRun(pendingTip: number): Promise<void> {
    this.slot++; // the drain's events are after the run's last slot, which the timeline does not hold
    if (this.down !== null) await this.restart(pendingTip);
    await this.heal();
  }

  /** Whether a restarted or upgraded process is still catching up. */
  get recovering(): boolean {
    return this.catchingUp.size > 0 || this.upgrading.size > 0;
  }

  /** The soft fork's step for process `p`: stopped, started on the upgraded client with a resync. */
  private async upgrade(p: number, pendingTip: number): Promise<void> {
    if (p === 0) this.softForkSlot = this.slot; // marked on the timeline once every process has resynced
    await this.recorder.retire(p);
    await this.net.upgrade(p, UPGRADED_CLIENT_VERSION);
    this.recorder.restarted(p);
    this.upgrading.set(p, pendingTip);
  }

  private async restart(pendingTip: number): Promise<void> {
    const { process } = this.down!;
    await this.net.restart(process);
    this.recorder.restarted(process);
    this.catchingUp.set(process, pendingTip);
    this.down = null;
    this.event("restart", `${this.net.processes[process].name} restarted on its store`);
  }

  private async heal(): Promise<void> {
    if (this.cutOff === null) return;
    const p = this.cutOff;
    this.net.heal(p);
    await this.net.processes[p].run.waitFor((l) => l.event === "p2p.rejoined", 10_000);
    this.cutOff = null;
    this.counted.partition!.healed = true;
    this.event("heal", `${this.net.processes[p].name} reconnected`);
  }

  private event(kind: SlotEvent["kind"], detail: string): void {
    this.counted.events.push({ slot: this.slot, kind, detail });
  }
}
