import { type Address, type Hex, type LocalAccount, type PublicClient, type WalletClient, isAddressEqual } from "viem";
import { rollupAbi, slasherAbi, slashingProposerAbi, slashPayloadFactoryAbi } from "../../chain/abi.js";
import type { ReadRollupConfigReturnType } from "../../chain/readRollupConfig.js";
import { slotAt } from "../../chain/time.js";
import { signSlashSignal } from "../../governance/signSignal.js";
import type { AttestationDomain } from "../../sequencer/attestations.js";
import type { NodeStore } from "../store/NodeStore.js";
import { buildPayload, offenceId, type SlashEntry, type SlashPolicy } from "./buildPayload.js";
import { StoreInactivity } from "./inactivity.js";
import { type EquivocationEvidence, type Offence, StoreOffences, verifyEquivocation } from "./offences.js";

export type SlasherActorParameters = {
  /** The node store its follower writes (prunes, blocks and their availability). */
  store: NodeStore;
  publicClient: PublicClient;
  rollup: Address;
  config: ReadRollupConfigReturnType;
  slashingProposer: Address;
  slasher: Address;
  factory: Address;
  domain: AttestationDomain;
  /** The node's validator keys: they signal when one of them is the slot's proposer. */
  accounts: readonly LocalAccount[];
  walletFor: (account: LocalAccount) => Promise<WalletClient>;
  /**
   * Sends every slashing transaction when set (payload creation, execution, and the signal as `signalWithSig`,
   * signed by the proposer's key): validator keys then need no ether (`node:run`'s publisher key).
   */
  publisher?: WalletClient;
  policy: SlashPolicy;
  /** The current time in L1 seconds (e.g. the latest L1 block's timestamp + 1). */
  now: () => Promise<bigint>;
};

/** The payload this node wants for a round. */
export type RoundPayload = { address: Address; entries: SlashEntry[]; offences: Offence[] };

export type SlasherSignal =
  | { status: "signalled"; payload: Address; signaler: Address; signals: bigint; txHash: Hex }
  | { status: "noPayload" } // nothing to slash this round
  | { status: "notProposer"; proposer: Address } // another node's slot
  | { status: "alreadySignalled" } // this slot has a signal (by this node or another)
  | { status: "failed"; reason: string }; // refused or reverted: retried next slot

export type SlasherExecution =
  | { status: "executed"; round: bigint; payload: Address; txHash: Hex }
  | { status: "vetoed"; round: bigint; payload: Address } // the vetoer cancelled the winner: nothing to execute
  | { status: "failed"; round: bigint; payload: Address; reason: string }; // e.g. paused: retried next tick

/** What one tick did. */
export type SlasherTick = {
  slot: bigint;
  round: bigint;
  payload: RoundPayload | null;
  signal: SlasherSignal;
  /** Rounds whose winner this tick executed, found vetoed, or failed to execute. */
  executions: SlasherExecution[];
};

type RoundState = {
  leader: Address;
  leaderSignals: bigint;
  executed: boolean;
  hasSignals: boolean;
  lastSignalSlot: bigint;
};

/**
 * The slasher of a node (issue 14, docs/SLASHING.md "Off-chain"): detects offences from the follower's store (the
 * committee of a pruned epoch, the proposer and signers of a block whose blobs could not be had, inactive committee
 * members when the policy has `inactivity`: `StoreInactivity`) and from
 * equivocation evidence handed to it (`reportEquivocation`), builds the round's payload deterministically
 * (`buildPayload`; frozen at its first build in a round, so a node signals one payload per round), signals it when
 * one of the node's keys is the current proposer (creating it through the factory first if nobody has), and
 * executes rounds whose winner is executable. Offences of a payload that executed, slashed nobody or was vetoed are
 * settled: never put in a payload again. Per tick: a store read, the time, the round's state, the proposer and one
 * view per round awaiting execution; chain reads for a pruned epoch's committee happen once.
 */
export class SlasherActor {
  private readonly offences: StoreOffences;
  private readonly inactivity?: StoreInactivity;
  private readonly evidence = new Map<string, Offence>();
  private readonly settled = new Set<string>();
  private readonly built = new Map<bigint, RoundPayload | null>();
  private readonly byAddress = new Map<string, RoundPayload>();
  private readonly closedRounds = new Set<bigint>();
  private roundParams?: { roundSize: bigint; quorum: bigint; lifetime: bigint; delay: bigint };

  constructor(private readonly p: SlasherActorParameters) {
    this.offences = new StoreOffences(p);
    const inactivity = p.policy.inactivity;
    if (inactivity !== undefined) this.inactivity = new StoreInactivity({ ...p, policy: inactivity });
  }

  /** Adds equivocation evidence (from a collector that saw both attestations); throws if it is not evidence. */
  async reportEquivocation(evidence: EquivocationEvidence): Promise<Offence> {
    const offence = await verifyEquivocation(this.p.domain, evidence);
    this.evidence.set(offenceId(offence), offence);
    return offence;
  }

  /** One slot's work: execute what is executable, then signal this round's payload if this node proposes. */
  async tick(): Promise<SlasherTick> {
    const params = await this.params();
    const slot = slotAt(this.p.config.clock, await this.p.now());
    const round = slot / params.roundSize;
    const executions = await this.executeReady(round);
    const payload = await this.payloadFor(round);
    const signal = payload === null ? ({ status: "noPayload" } as const) : await this.signal(slot, round, payload);
    return { slot, round, payload, signal, executions };
  }

  /** A payload this node built, by its address (undefined for one it never built). */
  payloadByAddress(address: Address): RoundPayload | undefined {
    return this.byAddress.get(address.toLowerCase());
  }

  /** The round's payload (built once per round). */
  async payloadFor(round: bigint): Promise<RoundPayload | null> {
    if (this.built.has(round)) return this.built.get(round)!;
    const { roundSize } = await this.params();
    const { entries, offences } = buildPayload({
      offences: [
        ...(await this.offences.all()),
        ...((await this.inactivity?.offences()) ?? []),
        ...this.evidence.values(),
      ],
      policy: this.p.policy,
      round,
      roundSize,
      ownKeys: this.p.accounts.map((a) => a.address),
      settled: this.settled,
    });
    let payload: RoundPayload | null = null;
    if (entries.length !== 0) {
      const address = await this.p.publicClient.readContract({
        address: this.p.factory,
        abi: slashPayloadFactoryAbi,
        functionName: "predictAddress",
        args: [entries],
      });
      payload = { address, entries, offences };
      this.byAddress.set(address.toLowerCase(), payload);
    }
    this.built.set(round, payload);
    return payload;
  }

  private async signal(slot: bigint, round: bigint, payload: RoundPayload): Promise<SlasherSignal> {
    const r = await this.round(round);
    if (r.hasSignals && r.lastSignalSlot === slot) return { status: "alreadySignalled" };
    const proposer = await this.p.publicClient.readContract({
      address: this.p.rollup,
      abi: rollupAbi,
      functionName: "getCurrentProposer",
    });
    const account = this.p.accounts.find((a) => isAddressEqual(a.address, proposer));
    if (account === undefined) return { status: "notProposer", proposer };
    try {
      const wallet = this.p.publisher ?? (await this.p.walletFor(account));
      const send = { account: wallet.account!, chain: wallet.chain };
      if ((await this.p.publicClient.getCode({ address: payload.address })) === undefined) {
        await this.send(
          await wallet.writeContract({
            ...send,
            address: this.p.factory,
            abi: slashPayloadFactoryAbi,
            functionName: "createPayload",
            args: [payload.entries],
          }),
        );
      }
      const base = { ...send, address: this.p.slashingProposer, abi: slashingProposerAbi } as const;
      let signals: bigint;
      let txHash: Hex;
      if (this.p.publisher === undefined) {
        const call = { ...base, functionName: "signal", args: [payload.address] } as const;
        signals = (await this.p.publicClient.simulateContract(call)).result;
        txHash = await wallet.writeContract(call);
      } else {
        const signature = await this.signatureOf(account, payload.address, slot);
        const call = { ...base, functionName: "signalWithSig", args: [payload.address, slot, signature] } as const;
        signals = (await this.p.publicClient.simulateContract(call)).result;
        txHash = await wallet.writeContract(call);
      }
      await this.send(txHash);
      return { status: "signalled", payload: payload.address, signaler: account.address, signals, txHash };
    } catch (error) {
      return { status: "failed", reason: (error as Error).message.split("\n")[0] };
    }
  }

  /** Executes every round in its execution window whose winner reached the quorum; closes rounds done with. */
  private async executeReady(round: bigint): Promise<SlasherExecution[]> {
    const { lifetime, delay, quorum } = await this.params();
    const executions: SlasherExecution[] = [];
    const first = round > lifetime ? round - lifetime : 0n;
    for (let r = first; r + delay < round; r++) {
      if (this.closedRounds.has(r)) continue;
      const state = await this.round(r);
      if (state.executed) {
        this.settle(state.leader);
        this.closedRounds.add(r);
      } else if (state.leaderSignals < quorum) {
        this.closedRounds.add(r); // ended below the quorum: it never will reach it
      } else if (await this.isVetoed(state.leader)) {
        this.settle(state.leader);
        this.closedRounds.add(r);
        executions.push({ status: "vetoed", round: r, payload: state.leader });
      } else {
        executions.push(await this.execute(r, state.leader));
      }
    }
    return executions;
  }

  private async execute(round: bigint, payload: Address): Promise<SlasherExecution> {
    try {
      const wallet = this.p.publisher ?? (await this.p.walletFor(this.p.accounts[0]));
      const txHash = await wallet.writeContract({
        account: wallet.account!,
        chain: wallet.chain,
        address: this.p.slashingProposer,
        abi: slashingProposerAbi,
        functionName: "executeRound",
        args: [round],
      });
      await this.send(txHash);
      this.settle(payload);
      this.closedRounds.add(round);
      return { status: "executed", round, payload, txHash };
    } catch (error) {
      return { status: "failed", round, payload, reason: (error as Error).message.split("\n")[0] };
    }
  }

  /** The proposer's EIP-712 signature of its slashing signal for `slot` (relayed by the publisher). */
  private signatureOf(account: LocalAccount, payload: Address, slot: bigint): Promise<Hex> {
    return signSlashSignal({
      account,
      chainId: this.p.domain.chainId,
      slashingProposer: this.p.slashingProposer,
      payload,
      rollup: this.p.rollup,
      slot,
    });
  }

  /** Marks the offences of a payload this node built as dealt with. */
  private settle(payload: Address): void {
    for (const o of this.byAddress.get(payload.toLowerCase())?.offences ?? []) this.settled.add(offenceId(o));
  }

  private isVetoed(payload: Address): Promise<boolean> {
    return this.p.publicClient.readContract({
      address: this.p.slasher,
      abi: slasherAbi,
      functionName: "isVetoed",
      args: [payload],
    });
  }

  private async round(round: bigint): Promise<RoundState> {
    return this.p.publicClient.readContract({
      address: this.p.slashingProposer,
      abi: slashingProposerAbi,
      functionName: "getRound",
      args: [this.p.rollup, round],
    });
  }

  private async send(hash: Hex): Promise<void> {
    const receipt = await this.p.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  }

  private async params() {
    if (this.roundParams === undefined) {
      const read = (functionName: "ROUND_SIZE" | "QUORUM_SIZE" | "LIFETIME_IN_ROUNDS" | "EXECUTION_DELAY_IN_ROUNDS") =>
        this.p.publicClient.readContract({ address: this.p.slashingProposer, abi: slashingProposerAbi, functionName });
      const [roundSize, quorum, lifetime, delay] = await Promise.all([
        read("ROUND_SIZE"),
        read("QUORUM_SIZE"),
        read("LIFETIME_IN_ROUNDS"),
        read("EXECUTION_DELAY_IN_ROUNDS"),
      ]);
      this.roundParams = { roundSize, quorum, lifetime, delay };
    }
    return this.roundParams;
  }
}
