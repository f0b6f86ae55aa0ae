import { parseArgs } from "node:util";
import { CommandError } from "../cli/CommandError.js";

/** A refusal of an argument: what it takes and what was given (quoted, as the other commands quote). */
const refuse = (message: string, expected: string, given?: string) =>
  new CommandError(message, expected, given === undefined ? undefined : JSON.stringify(given));

/** The phases a run can simulate (their Ignition parameters are `ignition/parameters/<phase>.json`). */
export const SIM_PHASES = ["phase1", "phase2", "phase3", "phase4", "stress"] as const;
export type SimPhase = (typeof SIM_PHASES)[number];

/** What each phase runs (shared/SPEC.md's phase table): validators, transactions per block, the TPS goal. */
export const PHASE_PROFILES: Record<SimPhase, { validators: number; txsPerBlock: number; tps: number }> = {
  phase1: { validators: 48, txsPerBlock: 1, tps: 0.02 },
  phase2: { validators: 128, txsPerBlock: 4, tps: 0.1 },
  phase3: { validators: 128, txsPerBlock: 4, tps: 0.1 },
  phase4: { validators: 300, txsPerBlock: 36, tps: 1 },
  stress: { validators: 3000, txsPerBlock: 36, tps: 1 },
};

/** Everything a run is told. Slot and epoch numbers of faults count from the run's first slot (0). */
export type SimulationOptions = {
  phase: SimPhase;
  slots: number;
  seed: string;
  out: string;
  network: "hardhat" | "localhost";
  /** Nodes the validators are spread over (one follower, store and blob check each). */
  nodes: number;
  validators: number;
  txsPerBlock: number;
  reorgRate: number;
  reorgMaxDepth: number;
  offlineRate: number;
  /** Run epochs `[from, to]` during which the prover is down. */
  proverDown: { from: number; to: number } | null;
  withholdRate: number;
  equivocate: number;
  softForkAt: number | null;
  hardForkAt: number | null;
  /** Ignition parameters overriding the phase's (a JSON file of the same shape). */
  parameters: string | null;
  /** Process mode: this many `node:run` validator processes plus one prover process over libp2p (null: in process). */
  processes: number | null;
  /** Process mode: chance per slot that a running validator process is SIGKILLed (restarted 1 to 3 slots later). */
  killRate: number;
  /** Process mode: run slots `[from, to]` during which one validator process is cut off from the others. */
  partition: { from: number; to: number } | null;
  /** Non-TTY progress: one line every this many slots. */
  progressEvery: number;
  /** The Ignition deployment id on a persistent network (not a command-line option; default: a fresh one). */
  deploymentId?: string;
};

export const TESTNET_USAGE = `Usage: npm run testnet -- [options]

Runs a phase of the network slot by slot in simulated L1 time and prints the gate's verdict.
Exit code: 0 the gate passed, 1 it failed, 2 bad arguments.

Run:
  --phase 1|2|3|4|stress     phase to simulate (default 1)
  --slots N | --epochs N | --hours H
                             length of the run (default 2 epochs; 1 hour = 100 slots of 36 s)
  --seed S                   seed of every random choice (default 1)
  --out DIR                  where report.json, report.md, slots.json and the charts go
                             (default reports/<phase>-seed-<S>)
  --network hardhat|localhost
                             in-process network (default) or \`npx hardhat node\` (LOCALHOST_RPC_URL)
  --nodes N                  nodes the validators are spread over (default 4)
  --validators N             validators to onboard (default: the phase's)
  --txs-per-block N          transactions per block (default: the phase's)
  --parameters FILE          Ignition parameters overriding the phase's file (same shape)
  --progress-every N         without a terminal, one progress line every N slots (default 32)
  --processes N              run over N \`node:run\` validator processes and one prover process on loopback
                             (libp2p gossip, \`npx hardhat node\` as L1); at least 1, at most the validators
Faults (slots and epochs count from the run's first slot, 0):
  --reorg-rate r             chance per slot of an L1 reorg (default 0)
  --reorg-max-depth D        deepest reorg, in 12-second L1 slots (default 3)
  --offline-rate r           share of validators offline in each slot (default 0)
  --prover-down-epochs a:b   the prover is down during run epochs a..b
  --withhold-rate r          chance a proposer withholds its block's blobs (default 0)
  --equivocate K             validators that sign two proposals in one slot (default 0)
  --soft-fork-at SLOT        every node stops, upgrades its client, resyncs from L1 and continues
  --hard-fork-at SLOT        governance moves the validators to a new Rollup (signal, vote, execute)
Process faults (with --processes N, N ≥ 4; the in-process faults above but the two forks are refused there):
  --soft-fork-at SLOT        a rolling restart: from SLOT on, one process per slot (the prover last) stops,
                             restarts on the upgraded client with --resync and catches up
  --hard-fork-at SLOT        the same governance upgrade; at the switch every validator process restarts on
                             the new Rollup (a new store) and a second prover starts, the first proving the old
                             Rollup's last epochs (not with --kill-rate or --partition, nor before --soft-fork-at)
  --kill-rate r              chance per slot that a validator process is SIGKILLed; it restarts on its store
                             1 to 3 slots later (one down at a time; default 0)
  --partition a:b            the validator process holding the fewest committee seats is cut off from the
                             others during run slots a..b, then healed
  --help                     this text`;

const RATE_OPTIONS = ["reorg-rate", "offline-rate", "withhold-rate"] as const;

/**
 * Parses `npm run testnet` arguments. Throws a `CommandError` naming the option, what it takes and what was
 * given (the command prints it on one line and exits 2); `{ help: true }` for `--help`.
 */
export function parseTestnetArgs(argv: readonly string[]): SimulationOptions | { help: true } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean" },
        phase: { type: "string" },
        slots: { type: "string" },
        epochs: { type: "string" },
        hours: { type: "string" },
        seed: { type: "string" },
        out: { type: "string" },
        network: { type: "string" },
        nodes: { type: "string" },
        validators: { type: "string" },
        "txs-per-block": { type: "string" },
        parameters: { type: "string" },
        "progress-every": { type: "string" },
        "reorg-rate": { type: "string" },
        "reorg-max-depth": { type: "string" },
        "offline-rate": { type: "string" },
        "prover-down-epochs": { type: "string" },
        "withhold-rate": { type: "string" },
        equivocate: { type: "string" },
        "soft-fork-at": { type: "string" },
        "hard-fork-at": { type: "string" },
        processes: { type: "string" },
        "kill-rate": { type: "string" },
        partition: { type: "string" },
      },
    }));
  } catch (error) {
    throw refuse((error as Error).message.split("\n")[0].replace(/\. To specify.*$/, "."), "the options of --help");
  }
  if (values.help === true) return { help: true };
  const text = (name: string) => values[name] as string | undefined;

  const phaseText = text("phase") ?? "1";
  const phase = (/^[1-4]$/.test(phaseText) ? `phase${phaseText}` : phaseText) as SimPhase;
  if (!SIM_PHASES.includes(phase)) throw refuse("--phase is not a phase.", "1, 2, 3, 4 or stress", phaseText);
  const profile = PHASE_PROFILES[phase];

  const lengths = (["slots", "epochs", "hours"] as const).filter((n) => text(n) !== undefined);
  if (lengths.length > 1)
    throw refuse("Give one run length.", "one of --slots, --epochs, --hours", lengths.map((n) => `--${n}`).join(" "));
  const slots =
    text("hours") !== undefined
      ? Math.round(positive("hours", text("hours")!, false) * 100)
      : text("epochs") !== undefined
        ? integer("epochs", text("epochs")!, 1) * 32
        : text("slots") !== undefined
          ? integer("slots", text("slots")!, 1)
          : 64;
  if (slots < 1) throw refuse("--hours is shorter than one slot.", "at least 0.01 (one 36-second slot)", text("hours"));

  const network = text("network") ?? "hardhat";
  if (network !== "hardhat" && network !== "localhost")
    throw refuse("--network is not a network the simulator runs on.", "hardhat or localhost", network);
  const seed = text("seed") ?? "1";
  if (!/^[\w.-]{1,64}$/.test(seed))
    throw refuse("--seed is not a seed.", "1 to 64 letters, digits, '.', '_' or '-'", seed);

  const rates = Object.fromEntries(
    RATE_OPTIONS.map((n) => [n, text(n) === undefined ? 0 : rate(n, text(n)!)]),
  ) as Record<(typeof RATE_OPTIONS)[number], number>;
  const validators =
    text("validators") === undefined ? profile.validators : integer("validators", text("validators")!, 1);
  const nodes = text("nodes") === undefined ? Math.min(4, validators) : integer("nodes", text("nodes")!, 1);
  if (nodes > validators)
    throw refuse("--nodes exceeds the validators they run.", `at most ${validators}`, String(nodes));
  const equivocate = text("equivocate") === undefined ? 0 : integer("equivocate", text("equivocate")!, 0);
  if (equivocate > validators)
    throw refuse("--equivocate exceeds the validators.", `at most ${validators}`, String(equivocate));

  const processes = text("processes") === undefined ? null : integer("processes", text("processes")!, 1);
  if (processes !== null && processes > validators)
    throw refuse("--processes exceeds the validators they run.", `at most ${validators}`, String(processes));
  const processFaults = (["kill-rate", "partition"] as const).filter((n) => text(n) !== undefined);
  if (processes === null && processFaults.length > 0)
    throw refuse(`--${processFaults[0]} is a process fault.`, "--processes N with it", `--${processFaults[0]}`);
  if (processes !== null && processes < 4 && processFaults.length > 0)
    throw refuse(
      `--${processFaults[0]} needs at least 4 processes (one down must leave 2/3 of the committee).`,
      "--processes 4 or more",
      String(processes),
    );
  if (processes !== null) refuseInProcessOnly(phase, text);
  const softForkAt = slotOption("soft-fork-at", text("soft-fork-at"), slots);
  const partition = text("partition") === undefined ? null : slotRange(text("partition")!, slots);
  if (processes !== null && softForkAt !== null) refuseRollingRestart(softForkAt, processes, slots, partition);
  const hardForkAt = slotOption("hard-fork-at", text("hard-fork-at"), slots);
  if (processes !== null && hardForkAt !== null) refuseProcessHardFork(hardForkAt, softForkAt, processFaults);

  return {
    phase,
    slots,
    seed,
    out: text("out") ?? `reports/${phase}-seed-${seed}`,
    network,
    nodes: processes ?? nodes,
    validators,
    txsPerBlock:
      text("txs-per-block") === undefined ? profile.txsPerBlock : integer("txs-per-block", text("txs-per-block")!, 1),
    reorgRate: rates["reorg-rate"],
    reorgMaxDepth: text("reorg-max-depth") === undefined ? 3 : integer("reorg-max-depth", text("reorg-max-depth")!, 1),
    offlineRate: rates["offline-rate"],
    proverDown: text("prover-down-epochs") === undefined ? null : epochRange(text("prover-down-epochs")!),
    withholdRate: rates["withhold-rate"],
    equivocate,
    softForkAt,
    hardForkAt,
    parameters: text("parameters") ?? null,
    processes,
    killRate: text("kill-rate") === undefined ? 0 : rate("kill-rate", text("kill-rate")!),
    partition,
    progressEvery: text("progress-every") === undefined ? 32 : integer("progress-every", text("progress-every")!, 1),
  };
}

/** Options of the in-process simulator a process testnet does not run (its L1 is its own \`hardhat node\`). */
const IN_PROCESS_ONLY = [
  "network",
  "nodes",
  "reorg-rate",
  "reorg-max-depth",
  "offline-rate",
  "prover-down-epochs",
  "withhold-rate",
  "equivocate",
] as const;

function refuseInProcessOnly(phase: SimPhase, text: (name: string) => string | undefined): void {
  const given = IN_PROCESS_ONLY.find((n) => text(n) !== undefined);
  if (given !== undefined)
    throw refuse(
      `--${given} is not supported with --processes.`,
      "the options of --help for process mode",
      `--${given}`,
    );
  if (phase === "stress") throw refuse("--phase stress is not supported with --processes.", "1, 2, 3 or 4", "stress");
}

/**
 * In process mode the soft fork restarts one process per slot (the validator processes, then the prover): the run
 * must hold those slots, and they must not meet the partition (a restarted process would rejoin its peers).
 */
function refuseRollingRestart(
  at: number,
  processes: number,
  slots: number,
  partition: { from: number; to: number } | null,
): void {
  const last = at + processes; // the prover's slot
  if (last >= slots)
    throw refuse(
      "--soft-fork-at leaves too few slots for the rolling restart (one process per slot, the prover last).",
      `a slot ≤ ${slots - processes - 1}`,
      String(at),
    );
  if (partition !== null && partition.from <= last && at <= partition.to)
    throw refuse(
      "--soft-fork-at's rolling restart meets --partition.",
      `a partition outside run slots ${at}..${last}`,
      `${partition.from}:${partition.to}`,
    );
}

/**
 * In process mode the hard fork's switch restarts every validator process on the new Rollup: a process killed or
 * cut off then would miss it, and a rolling soft fork after the fork began could restart one onto the old Rollup.
 */
function refuseProcessHardFork(at: number, softForkAt: number | null, processFaults: readonly string[]): void {
  if (processFaults.length > 0)
    throw refuse(
      `--hard-fork-at does not run with --${processFaults[0]} in process mode.`,
      "the hard fork, or the process faults, in separate runs",
      `--${processFaults[0]}`,
    );
  if (softForkAt !== null && softForkAt > at)
    throw refuse(
      "--soft-fork-at comes after --hard-fork-at in process mode.",
      `a soft fork at a slot ≤ ${at}`,
      String(softForkAt),
    );
}

function integer(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min)
    throw refuse(`--${name} is not a whole number of at least ${min}.`, `an integer ≥ ${min}`, value);
  return n;
}

function positive(name: string, value: string, allowZero: boolean): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n) || (!allowZero && n === 0))
    throw refuse(`--${name} is not a positive number.`, "a number > 0", value);
  return n;
}

function rate(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || !(n >= 0 && n <= 1))
    throw refuse(`--${name} is not a rate.`, "a number from 0 to 1", value);
  return n;
}

function epochRange(value: string): { from: number; to: number } {
  const match = /^(\d+):(\d+)$/.exec(value);
  if (match === null || Number(match[1]) > Number(match[2]))
    throw refuse("--prover-down-epochs is not an epoch range.", "a:b with a ≤ b (run epochs, from 0)", value);
  return { from: Number(match[1]), to: Number(match[2]) };
}

function slotRange(value: string, slots: number): { from: number; to: number } {
  const match = /^(\d+):(\d+)$/.exec(value);
  if (match === null || Number(match[1]) > Number(match[2]) || Number(match[2]) >= slots)
    throw refuse(
      "--partition is not a slot range of the run.",
      `a:b with a ≤ b ≤ ${slots - 1} (run slots, from 0)`,
      value,
    );
  return { from: Number(match[1]), to: Number(match[2]) };
}

function slotOption(name: string, value: string | undefined, slots: number): number | null {
  if (value === undefined) return null;
  const slot = integer(name, value, 0);
  if (slot >= slots) throw refuse(`--${name} is after the run's last slot.`, `a slot in 0..${slots - 1}`, value);
  return slot;
}
