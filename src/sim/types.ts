/**
 * What a simulated run records and reports (`npm run testnet`): one row per slot (the timeline the charts draw)
 * and the summary in `report.json`. Figures are plain numbers so the JSON is readable; wall-clock fields are the
 * only ones two runs with the same arguments and seed may differ in.
 */

/** Something that happened in a slot, marked on the charts. */
export type SlotEventKind =
  | "reorg"
  | "prune"
  | "proof"
  | "slash"
  | "softFork"
  | "hardFork"
  | "withheld"
  | "offline"
  // process mode: a validator process SIGKILLed, restarted on its store, cut off from its peers, healed
  | "kill"
  | "restart"
  | "partition"
  | "heal";

export type SlotEvent = { kind: SlotEventKind; detail: string };

/** One slot of the run, as the nodes' followers saw L1 at the slot's end. */
export type SlotRecord = {
  slot: number;
  epoch: number;
  /** A block of this slot is on the pending chain at the end of the slot. */
  proposed: boolean;
  pendingTip: number;
  provenTip: number;
  /** Gas and blob gas of the slot's proposal transaction (null: no proposal landed). */
  l1Gas: number | null;
  blobGas: number | null;
  /** Transactions in the slot's block (0 when none). */
  txs: number;
  /** Which Rollup produced (1 before a hard fork, 2 after). */
  rollupVersion: number;
  events: SlotEvent[];
};

/** One gate check: its measured figure against its threshold. */
export type GateCheck = {
  name: string;
  pass: boolean;
  figure: number | string;
  threshold: number | string;
  /** Why it passed or failed, in a sentence. */
  detail: string;
};

export type FaultCounts = { injected: number; recovered: number };

/** `DIR/report.json` (SPEC section 13, plus the fields). */
export type SimulationReport = {
  phase: string;
  seed: string;
  network: string;
  slots: number;
  epochs: number;
  validators: number;
  committeeSize: number;
  nodes: number;
  txsPerBlock: number;
  blocksProposed: number;
  missedSlots: number;
  epochsProven: number;
  prunes: number;
  reorgsInjected: number;
  reorgsRecovered: number;
  provenTipLagSlots: { max: number; mean: number };
  l1GasPerBlock: { mean: number; p95: number };
  blobGasPerBlock: { mean: number };
  tps: number;
  faults: {
    reorgs: FaultCounts & { maxDepth: number };
    offline: { validatorSlots: number };
    proverDown: { epochs: number };
    withheld: FaultCounts;
    equivocations: FaultCounts;
    softFork: { atSlot: number | null; resyncedAtSlot: number | null };
    hardFork: { atSlot: number | null; executedAtSlot: number | null; firstBlockOnNewRollupSlot: number | null };
    /** Process mode: validator processes SIGKILLed, and those that restarted on their store and caught up. */
    processKills?: FaultCounts;
    /**
     * Process mode: the process cut off from the others for slots `fromSlot..toSlot` (null: none), and in those
     * slots how many had their proposer on the majority side and how many of these got a block.
     */
    partition?: {
      process: string;
      fromSlot: number;
      toSlot: number;
      healed: boolean;
      majorityProposerSlots: number;
      majorityBlocks: number;
    } | null;
  };
  slashes: { slot: number; validators: number; amount: string; reason: string }[];
  /** A fatal error (the run stopped), or null. */
  fatal: string | null;
  gate: "pass" | "fail";
  checks: GateCheck[];
  /** Stress only: the same run at 300 validators, which the large set is compared with. */
  baseline?: {
    validators: number;
    missedSlots: number;
    l1GasPerBlock: { mean: number; p95: number };
    gate: "pass" | "fail";
  };
  /** Process mode: what each process's `/metrics` and logs showed. */
  p2p?: P2PFigures;
  wallSeconds: number;
};

/** Process mode's network figures (`npm run testnet -- --processes N`), summed over every run of each process. */
export type P2PFigures = {
  /** Gossip messages over every process: totals and per slot of the run. */
  messages: { received: number; published: number; dropped: number; perSlot: number };
  /** From a proposer's collect call to floor(2n/3)+1 signatures (its `attestations.collected` log lines). */
  attestationCollectionMs: { samples: number; p50: number; p95: number; max: number };
  processes: {
    name: string;
    validators: number;
    /** Times the process was started (1 + restarts after kills). */
    starts: number;
    cpuSeconds: number;
    /** Peak resident memory of its runs, MB. */
    peakRssMb: number;
    /** The client version its last run wrote into its store (changed by the soft fork's rolling restart). */
    clientVersion: string | null;
  }[];
};
