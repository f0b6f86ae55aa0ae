import type { NetworkConnection } from "hardhat/types/network";
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import { governanceAbi, governanceProposerAbi, stakingEscrowAbi } from "../chain/abi.js";
import type { ReadRollupConfigReturnType } from "../chain/readRollupConfig.js";
import { epochOf } from "../chain/time.js";
import { computeCommittee, proposerOf } from "../committee/computeCommittee.js";
import { validatorAccount, validatorIndexOf } from "../system/validatorKeys.js";
import { deployRollupVersion } from "../deploy/deployRollupVersion.js";
import { rollupVersionParameters } from "../deploy/rollupVersionParameters.js";
import { deployPayload } from "../governance/deployPayload.js";
import type { DeployedPhase } from "./deployPhase.js";

/** Where the governance upgrade is. */
export type HardForkStage = "deploying" | "signalling" | "voting" | "queued" | "executed" | "switched" | "failed";

/** The new Rollup's contracts (what the nodes follow after the fork). */
export type RollupVersion = { rollup: Address; inbox: Address; outbox: Address; startBlock: bigint };

/** Votes sent per 12-second L1 slot (each is its own block here: more would push L1 time past the slot). */
const VOTES_PER_L1_SLOT = 6;

export type SimulatedHardForkParameters = {
  connection: NetworkConnection<string>;
  /** Ignition's deployment id for v2 (none: Ignition's default; the in-process network keeps no files). */
  deploymentId?: string;
  /** After the deployments, which went through the connection: a cache of L1 reads must drop what it holds. */
  onDeployed?: () => void;
  client: PublicClient;
  deployer: WalletClient<Transport, Chain, Account>;
  deployed: DeployedPhase;
  config: ReadRollupConfigReturnType;
  validators: number;
  /** Validators pinned to the Rollup they joined: they move only by `migrate` (their withdrawer: the deployer). */
  pinned: (index: number) => boolean;
  offline: (account: Address, slot: bigint) => boolean;
  walletFor: (index: number) => WalletClient<Transport, Chain, Account>;
};

/**
 * The phase-2 hard fork as governance runs it, one L1 slot at a time: deploy Rollup v2 (same clock and
 * configuration, its own Inbox and Outbox) and the `HardForkPayload`; the v1 proposer of each slot signals it
 * (`GovernanceProposer.signal`); after the round, anyone submits the winner; once voting opens every online
 * validator votes for it with its stake; it is queued after the vote and executed after the timelock. Then the
 * pinned validators migrate, and two epochs later (when v2's first committee is sampled) the nodes move to v2.
 */
export class SimulatedHardFork {
  stage: HardForkStage = "deploying";
  v2: RollupVersion | undefined;
  payload: Address | undefined;
  proposalId: bigint | undefined;
  executedAtSlot: number | undefined;
  /** The first v2 epoch: the nodes switch at its first slot. */
  switchEpoch: bigint | undefined;
  failure: string | undefined;
  private signalRound: bigint | undefined;
  private readonly voted = new Set<number>();
  private readonly signalled = new Set<bigint>();

  constructor(private readonly p: SimulatedHardForkParameters) {}

  /** Whether the nodes move to v2 at `slot` (then `tick(slot, 0n)` says so). */
  switchDue(slot: bigint): boolean {
    return this.stage === "executed" && epochOf(this.p.config.clock, slot) >= this.switchEpoch!;
  }

  /** One step at the start of an L1 slot of `slot` (`sub`: 0, 1, 2). Returns true when the nodes must switch now. */
  async tick(slot: bigint, sub: bigint): Promise<boolean> {
    try {
      if (this.stage === "deploying") await this.deploy();
      else if (this.stage === "signalling") await this.signal(slot, sub);
      else if (this.stage === "voting") await this.vote(slot);
      else if (this.stage === "queued") await this.execute(slot);
      else if (sub === 0n && this.switchDue(slot)) {
        this.stage = "switched";
        return true;
      }
    } catch (error) {
      this.stage = "failed";
      this.failure = (error as Error).message.split("\n")[0];
    }
    return false;
  }

  /**
   * Deploys v2 as an operator does (`deploy:rollup`: the RollupVersion Ignition module with the running rollup's
   * parameters) and its payload as `gov:payload --kind hard-fork` does, both through the connection.
   */
  private async deploy(): Promise<void> {
    const { client, deployed } = this.p;
    const connection = this.p.connection as NetworkConnection; // the commands' type: any chain type serves
    const startBlock = (await client.getBlockNumber()) + 1n;
    const parameters = await rollupVersionParameters(connection, { governance: deployed.governance });
    const v2 = await deployRollupVersion(connection, { parameters, deploymentId: this.p.deploymentId });
    const spec = { kind: "hard-fork", newRollup: v2.rollup } as const;
    this.payload = await deployPayload(connection, { governance: deployed.governance, spec });
    this.p.onDeployed?.();
    this.v2 = { rollup: v2.rollup, inbox: v2.inbox, outbox: v2.outbox, startBlock };
    this.stage = "signalling";
  }

  /** The v1 proposer of the slot signals once (at its first L1 slot); after a round with quorum, submit it. */
  private async signal(slot: bigint, sub: bigint): Promise<void> {
    const { client, deployed } = this.p;
    const roundSize = await this.readProposer<bigint>("ROUND_SIZE");
    const round = slot / roundSize;
    if (this.signalRound !== undefined && round > this.signalRound) {
      const count = await this.readProposer<bigint>("signalCount", [deployed.rollup, this.signalRound, this.payload]);
      const quorum = await this.readProposer<bigint>("QUORUM_SIZE");
      if (count >= quorum) {
        const { result, request } = await client.simulateContract({
          address: deployed.governanceProposer,
          abi: governanceProposerAbi,
          functionName: "submitRoundWinner",
          args: [this.signalRound],
          account: this.p.deployer.account,
        });
        await this.send(await this.p.deployer.writeContract(request));
        this.proposalId = result;
        this.stage = "voting";
        return;
      }
      this.signalRound = undefined; // no quorum in that round: signal again in this one
    }
    if (sub !== 0n || this.signalled.has(slot)) return;
    const committee = await computeCommittee({
      client,
      rollup: deployed.rollup,
      epoch: epochOf(this.p.config.clock, slot),
      config: this.p.config,
    });
    const proposer = proposerOf(committee, slot);
    if (proposer === undefined || this.p.offline(proposer, slot)) return;
    const index = this.indexOf(proposer);
    const wallet = this.p.walletFor(index);
    this.signalled.add(slot);
    await this.send(
      await wallet.writeContract({
        address: deployed.governanceProposer,
        abi: governanceProposerAbi,
        functionName: "signal",
        args: [this.payload!],
        account: wallet.account,
        chain: wallet.chain,
      }),
    );
    this.signalRound ??= round;
  }

  /** Once voting is open, online validators vote for (a few per L1 slot); after the deadline, queue. */
  private async vote(slot: bigint): Promise<void> {
    const id = this.proposalId!;
    const now = (await this.p.client.getBlock()).timestamp;
    const [snapshot, deadline] = await Promise.all([
      this.readGovernance<bigint>("proposalSnapshot", [id]),
      this.readGovernance<bigint>("proposalDeadline", [id]),
    ]);
    if (now > deadline) {
      await this.send(await this.governanceWrite("queue", [id]));
      this.stage = "queued";
      return;
    }
    if (now <= snapshot) return;
    let sent = 0;
    for (let i = 0; i < this.p.validators && sent < VOTES_PER_L1_SLOT; i++) {
      if (this.voted.has(i) || this.p.offline(validatorAccount(i).address, slot)) continue;
      this.voted.add(i);
      sent++;
      const wallet = this.p.walletFor(i);
      await this.send(
        await wallet.writeContract({
          address: this.p.deployed.governance,
          abi: governanceAbi,
          functionName: "castVote",
          args: [id, 1],
          account: wallet.account,
          chain: wallet.chain,
        }),
      );
    }
  }

  /** After the timelock: execute, then migrate the pinned validators; the nodes switch two epochs later. */
  private async execute(slot: bigint): Promise<void> {
    const id = this.proposalId!;
    const now = (await this.p.client.getBlock()).timestamp;
    if (now + 1n < (await this.readGovernance<bigint>("proposalEta", [id]))) return;
    await this.send(await this.governanceWrite("execute", [id]));
    for (let i = 0; i < this.p.validators; i++) {
      if (!this.p.pinned(i)) continue;
      await this.send(
        await this.p.deployer.writeContract({
          address: this.p.deployed.stakingEscrow,
          abi: stakingEscrowAbi,
          functionName: "migrate",
          args: [validatorAccount(i).address, this.v2!.rollup],
        }),
      );
    }
    this.executedAtSlot = Number(slot);
    this.switchEpoch = epochOf(this.p.config.clock, slot) + 2n;
    this.stage = "executed";
  }

  private governanceWrite(functionName: "queue" | "execute", args: [bigint]) {
    return this.p.deployer.writeContract({
      address: this.p.deployed.governance,
      abi: governanceAbi,
      functionName,
      args,
    });
  }

  private async send(hash: `0x${string}`): Promise<void> {
    const receipt = await this.p.client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`hard fork transaction ${hash} reverted`);
  }

  private indexOf(address: Address): number {
    const index = validatorIndexOf(address, this.p.validators);
    if (index < 0) throw new Error(`${address} is not a validator of the run`);
    return index;
  }

  private readProposer<T>(functionName: string, args: unknown[] = []): Promise<T> {
    return this.p.client.readContract({
      address: this.p.deployed.governanceProposer,
      abi: governanceProposerAbi,
      functionName: functionName as "ROUND_SIZE",
      args: args as [],
    }) as Promise<T>;
  }

  private readGovernance<T>(functionName: string, args: unknown[]): Promise<T> {
    return this.p.client.readContract({
      address: this.p.deployed.governance,
      abi: governanceAbi,
      functionName: functionName as "proposalSnapshot",
      args: args as [bigint],
    }) as Promise<T>;
  }
}
