import type { Account, Address, Chain, LocalAccount, PublicClient, Transport, WalletClient } from "viem";
import type { Logger } from "pino";
import { governanceProposerAbi } from "../../chain/abi.js";
import { oneLineMessage } from "../../cli/runCommandLine.js";
import { signSignal } from "../../governance/signSignal.js";
import type { SequencerTick } from "../actors/Sequencer.js";
import type { RollupNode } from "../RollupNode.js";
import type { NodeMetrics } from "./metrics.js";

/** The actors a node process runs (the follower always runs: every actor reads through it). */
export const ROLES = ["sequencer", "attester", "prover", "slasher", "follower"] as const;
export type Role = (typeof ROLES)[number];

export type NodeLoopParameters = {
  node: RollupNode;
  client: PublicClient;
  rollup: Address;
  roles: ReadonlySet<Role>;
  pollMs: number;
  metrics: NodeMetrics;
  log: Logger;
  validators: readonly LocalAccount[];
  /** Pays L1 gas: proposals, proofs, signals (never an attester key). */
  publisher?: WalletClient<Transport, Chain, Account>;
  /** Signal this governance payload whenever one of the node's validators proposes. */
  signal?: { payload: Address; governanceProposer: Address; chainId: number };
};

const LOGGED_PROVER = new Set(["proven", "failed", "missed"]);

/**
 * The real-time loop of a node process: every `pollMs` one step — the follower syncs to the L1 head, the prover
 * ticks, the sequencer ticks (the actors compute the slot from the latest L1 block's time). A step is never cut
 * short: `stop()` lets the current one finish, then `run()` returns. A follower error is fatal (its store would
 * no longer be L1's); an actor's error is logged and retried next step.
 */
export class NodeLoop {
  private stopping = false;
  private wake: (() => void) | undefined;
  private lastStep: { at: number; ok: boolean; l1Head?: number } = { at: Date.now(), ok: true };
  steps = 0;

  constructor(private readonly p: NodeLoopParameters) {}

  /** Runs steps until `stop()`; rejects with the follower's error if it fails. */
  async run(): Promise<void> {
    while (!this.stopping) {
      await this.step();
      if (this.stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.p.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Asks the loop to stop after the current step. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  /** For `/health`: healthy while the last step succeeded and one ran within ten polls (at least a minute). */
  health(): { healthy: boolean; detail: Record<string, unknown> } {
    const age = Date.now() - this.lastStep.at;
    const healthy = this.lastStep.ok && age < Math.max(10 * this.p.pollMs, 60_000);
    return { healthy, detail: { lastStepMs: age, l1Head: this.lastStep.l1Head, steps: this.steps } };
  }

  private async step(): Promise<void> {
    const { node, metrics, log, roles } = this.p;
    const end = metrics.stepSeconds.startTimer();
    let report;
    try {
      report = await node.follower.sync();
    } catch (error) {
      this.lastStep = { at: Date.now(), ok: false };
      throw error;
    }
    metrics.l1Head.set(Number(report.head.number));
    if (report.reorg !== null) {
      metrics.reorgs.inc();
      log.warn(
        { event: "reorg", depth: Number(report.reorg.depth), ancestor: Number(report.reorg.commonAncestor.number) },
        "L1 reorg rolled back",
      );
    }
    if (report.blobsRecovered.length > 0) {
      metrics.blobsRecovered.inc(report.blobsRecovered.length);
      log.info(
        { event: "blobs.recovered", blocks: report.blobsRecovered.map(Number) },
        "unavailable blocks now available",
      );
    }
    let ok = true;
    const record: Record<string, unknown> = { event: "step", l1Head: Number(report.head.number) };
    if (roles.has("prover")) ok = (await this.guard("prover", () => this.prove(record))) && ok;
    if (roles.has("sequencer") && node.sequencer !== undefined)
      ok = (await this.guard("sequencer", () => this.sequence(record))) && ok;
    if (roles.has("slasher") && node.slasher !== undefined)
      ok = (await this.guard("slasher", () => this.slash(record))) && ok;
    const { pending, proven } = await node.reader.tips();
    metrics.l2PendingTip.set(Number(pending));
    metrics.l2ProvenTip.set(Number(proven));
    Object.assign(record, { pending: Number(pending), proven: Number(proven) });
    end();
    this.steps++;
    this.lastStep = { at: Date.now(), ok, l1Head: Number(report.head.number) };
    log.debug(record, "step");
  }

  /** One slasher step: executes executable rounds, signals this round's payload when a key of the node proposes. */
  private async slash(record: Record<string, unknown>): Promise<void> {
    const tick = await this.p.node.slasher!.tick();
    record.slasher = tick.signal.status;
    const { metrics, log } = this.p;
    if (tick.signal.status === "signalled" || tick.signal.status === "failed") {
      metrics.slashSignals.inc({ status: tick.signal.status === "signalled" ? "sent" : "failed" });
      const fields = { event: `slash.signal.${tick.signal.status}`, round: Number(tick.round), ...plain(tick.signal) };
      if (tick.signal.status === "signalled") log.info(fields, "slash payload signalled");
      else log.warn(fields, "slash signal failed");
    }
    for (const execution of tick.executions) {
      metrics.slashExecutions.inc({ status: execution.status });
      const fields = { event: `slash.${execution.status}`, ...plain(execution) };
      if (execution.status === "failed") log.warn(fields, "slash round not executed");
      else log.info(fields, execution.status === "executed" ? "slash round executed" : "slash payload vetoed");
    }
  }

  private async prove(record: Record<string, unknown>): Promise<void> {
    const tick = await this.p.node.proverTick();
    if (tick === undefined) return;
    record.prover = tick.status;
    if (!LOGGED_PROVER.has(tick.status)) return;
    this.p.metrics.proofs.inc({ status: tick.status });
    const fields = { event: `proof.${tick.status}`, ...plain(tick) };
    if (tick.status === "proven") this.p.log.info(fields, "epoch proven");
    else this.p.log.warn(fields, "epoch proof not submitted");
  }

  private async sequence(record: Record<string, unknown>): Promise<void> {
    const tick = await this.p.node.sequencer!.tick();
    record.sequencer = tick.status;
    record.slot = Number(tick.slot);
    if (tick.status === "notProposer" || tick.status === "alreadyProposed") return;
    this.p.metrics.proposals.inc({ status: tick.status });
    if (tick.status !== "proposed") {
      this.p.log.warn({ event: `proposal.${tick.status}`, ...plain(tick) }, "proposal not sent");
      return;
    }
    const { proposal: _, ...rest } = tick;
    this.p.log.info({ event: "proposal.sent", ...plain(rest), proposer: tick.proposal.proposer }, "block proposed");
    if (this.p.signal !== undefined) await this.sendSignal(tick);
  }

  /** Signals the payload for the slot the node just proposed in: signed by the proposer, sent by the publisher. */
  private async sendSignal(tick: Extract<SequencerTick, { status: "proposed" }>): Promise<void> {
    const { signal, publisher, validators, client, metrics, log } = this.p;
    const account = validators.find((a) => a.address.toLowerCase() === tick.proposal.proposer.toLowerCase());
    if (signal === undefined || publisher === undefined || account === undefined) return;
    try {
      const signature = await signSignal({
        account,
        chainId: signal.chainId,
        governanceProposer: signal.governanceProposer,
        payload: signal.payload,
        rollup: this.p.rollup,
        slot: tick.slot,
      });
      const hash = await publisher.writeContract({
        address: signal.governanceProposer,
        abi: governanceProposerAbi,
        functionName: "signalWithSig",
        args: [signal.payload, tick.slot, signature],
      });
      const receipt = await client.waitForTransactionReceipt({ hash });
      const status = receipt.status === "success" ? "sent" : "reverted";
      metrics.signals.inc({ status });
      log.info(
        { event: `signal.${status}`, slot: Number(tick.slot), payload: signal.payload, txHash: hash },
        "payload signalled",
      );
    } catch (error) {
      metrics.signals.inc({ status: "failed" });
      log.warn({ event: "signal.failed", slot: Number(tick.slot), reason: oneLineMessage(error) }, "signal failed");
    }
  }

  /** Runs an actor's tick; an error is logged and counted (the actor retries next step). */
  private async guard(actor: string, body: () => Promise<void>): Promise<boolean> {
    try {
      await body();
      return true;
    } catch (error) {
      this.p.metrics.stepErrors.inc();
      this.p.log.error({ event: `${actor}.error`, reason: oneLineMessage(error) }, `${actor} tick failed`);
      return false;
    }
  }
}

/** A tick as log fields: bigints as numbers or strings (JSON has no bigint). */
function plain(value: object): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(value, (_, v) =>
      typeof v === "bigint" ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v,
    ),
  ) as Record<string, unknown>;
}
