import type { network } from "hardhat";
import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import {
  createWalletClient,
  custom,
  encodeAbiParameters,
  keccak256,
  parseEther,
  toHex,
  type Address,
  type Hex,
  type PrivateKeyAccount,
  zeroAddress,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { buildBlock, type BuiltBlock } from "../../src/sequencer/buildBlock.js";
import type { L2Header } from "../../src/sequencer/header.js";
import { packCommittee, requiredAttestations, signAttestations } from "../../src/sequencer/attestations.js";
import type { EncodedAttestations } from "../../src/sequencer/attestations.js";
import { proposeBlock } from "../../src/sequencer/proposeBlock.js";
import { randomTxPayloads } from "../../src/sequencer/randomTxPayloads.js";
import { computeCommittee, proposerOf, type EpochCommittee } from "../../src/committee/computeCommittee.js";
import { createProverClient } from "../../src/prover/proverClient.js";
import { rollupChainReader } from "../../src/prover/rollupChainReader.js";
import { loadCKzg } from "../../src/prover/loadCKzg.js";

export type Connection = Awaited<ReturnType<typeof network.create>>;

/** Deterministic validator keys: `keccak256(abi.encode("sp-testnet validator", i))`. */
export function validatorKey(index: number): Hex {
  return keccak256(
    encodeAbiParameters([{ type: "string" }, { type: "uint256" }], ["sp-testnet validator", BigInt(index)]),
  );
}

const accountCache = new Map<number, PrivateKeyAccount>();
/** The local account of validator `index` (cached: deriving thousands of keys takes seconds). */
export function validatorAccount(index: number): PrivateKeyAccount {
  let account = accountCache.get(index);
  if (account === undefined) {
    account = privateKeyToAccount(validatorKey(index));
    accountCache.set(index, account);
  }
  return account;
}

export type RollupSystemOptions = {
  validators: number;
  committeeSize: number;
  bootstrap: boolean;
  /** Genesis timestamp (0: the deployment block's). */
  genesisTime: bigint;
  slotDuration: number;
  epochDuration: number;
  genesisArchive: Hex;
  /** Epoch proofs: reward pool and amounts (zero: no rewards), window; the builder deploys a TestVerifier. */
  proofs: { rewardPool: Address; blockReward: bigint; proverReward: bigint; proofSubmissionEpochs: bigint };
  /** The Inbox blocks consume (zero: none, `inHash` must be zero). */
  inbox: Address;
};

/** The builder's defaults: 36 s slots, 32-slot epochs, committee 16, no validators, no rewards, no Inbox. */
export function defaultRollupOptions(): RollupSystemOptions {
  return {
    validators: 0,
    committeeSize: 16,
    bootstrap: false,
    genesisTime: 0n,
    slotDuration: 36,
    epochDuration: 32,
    genesisArchive: keccak256(toHex("sp-testnet genesis")),
    proofs: { rewardPool: zeroAddress, blockReward: 0n, proverReward: 0n, proofSubmissionEpochs: 1n },
    inbox: zeroAddress,
  };
}

/**
 * Fluent builder for Rollup set-ups: `await new RollupSystemBuilder(connection).withValidators(48)
 * .withCommitteeSize(16).build()` deploys the validator set, the Rollup, registers the validators (bulk) and
 * returns helpers to move time, compute committees and propose blocks with real blob transactions.
 */
export class RollupSystemBuilder {
  private readonly options: RollupSystemOptions = defaultRollupOptions();

  constructor(private readonly connection: Connection) {}

  withValidators(count: number): this {
    this.options.validators = count;
    return this;
  }
  withCommitteeSize(size: number): this {
    this.options.committeeSize = size;
    return this;
  }
  withBootstrap(bootstrap = true): this {
    this.options.bootstrap = bootstrap;
    return this;
  }
  /** Rewards and proof window of epoch proofs (see docs/PROOFS.md). */
  withProofs(proofs: Partial<RollupSystemOptions["proofs"]>): this {
    Object.assign(this.options.proofs, proofs);
    return this;
  }
  /** An Inbox the Rollup consumes one tree per block from (bind it to the Rollup after `build`). */
  withInbox(inbox: Address): this {
    this.options.inbox = inbox;
    return this;
  }
  /** A genesis in the future (slot 0 then starts at `timestamp`) or the past; default: the deployment block. */
  withGenesisTime(timestamp: bigint): this {
    this.options.genesisTime = timestamp;
    return this;
  }
  withEpochDuration(slots: number): this {
    this.options.epochDuration = slots;
    return this;
  }

  async build(): Promise<RollupSystem> {
    const { viem } = this.connection;
    const [deployer] = await viem.getWalletClients();
    const owner = deployer.account.address;
    const token = await viem.deployContract("TestStakingAsset", ["Staking Asset", "STK", owner, 10n ** 20n, 86_400n]);
    const registry = await viem.deployContract("Registry", [owner]);
    const escrow = await viem.deployContract("StakingEscrow", [
      token.address,
      registry.address,
      owner,
      MINIMUM_STAKE,
      EJECTION_THRESHOLD,
      EXIT_DELAY,
    ]);
    const verifier = await viem.deployContract("TestVerifier", [owner]);
    const rollup = await viem.deployContract("Rollup", [
      {
        escrow: escrow.address,
        genesisTime: this.options.genesisTime,
        slotDuration: this.options.slotDuration,
        epochDuration: this.options.epochDuration,
        targetCommitteeSize: BigInt(this.options.committeeSize),
        bootstrap: this.options.bootstrap,
        genesisArchive: this.options.genesisArchive,
        slasher: owner,
        owner,
        proofs: { ...this.options.proofs, verifier: verifier.address },
        inbox: this.options.inbox,
      },
    ]);
    await registry.write.addRollup([rollup.address]);
    await escrow.write.addRollup([rollup.address]);
    const system = new RollupSystem(this.connection, rollup, escrow, this.options, { token, registry, verifier });
    await system.addValidators(0, this.options.validators);
    return system;
  }
}

/** Escrow parameters the builder deploys with. */
export const MINIMUM_STAKE = 100n * 10n ** 18n;
export const EJECTION_THRESHOLD = 60n * 10n ** 18n;
export const EXIT_DELAY = 7n * 86_400n;

export type RollupContracts = {
  token: ContractReturnType<"TestStakingAsset">;
  registry: ContractReturnType<"Registry">;
  escrow: ContractReturnType<"StakingEscrow">;
  rollup: ContractReturnType<"Rollup">;
};

export type Proposal = {
  block: BuiltBlock;
  committee: EpochCommittee;
  attestations: EncodedAttestations;
  proposer: PrivateKeyAccount | undefined;
  /** Committee members that signed (the proposer last). */
  signers: Address[];
};

export class RollupSystem {
  /** Validator index by lower-case address. */
  private readonly indexOf = new Map<string, number>();
  public validatorCount = 0;
  /** The blob data of every block `proposeAt` sent, by versioned hash (the prover's blob source). */
  readonly blobs = new Map<Hex, Hex>();

  constructor(
    readonly connection: Connection,
    readonly rollup: ContractReturnType<"Rollup">,
    readonly escrow: ContractReturnType<"StakingEscrow">,
    readonly options: RollupSystemOptions,
    /** The token, Registry and test verifier when the builder deployed them (absent for systems wrapped around others'). */
    readonly deployed: Partial<
      Pick<RollupContracts, "token" | "registry"> & { verifier: ContractReturnType<"TestVerifier"> }
    > = {},
  ) {}

  /** The staking token (only for systems the builder deployed). */
  get token(): ContractReturnType<"TestStakingAsset"> {
    if (this.deployed.token === undefined)
      throw new Error("this RollupSystem was not deployed by the builder: no token");
    return this.deployed.token;
  }

  /** The switchable test verifier (only for systems the builder deployed). */
  get verifier(): ContractReturnType<"TestVerifier"> {
    if (this.deployed.verifier === undefined)
      throw new Error("this RollupSystem was not deployed by the builder: no test verifier");
    return this.deployed.verifier;
  }

  get epochSeconds(): bigint {
    return BigInt(this.options.slotDuration * this.options.epochDuration);
  }

  /**
   * Stakes validators `from .. from+count-1` (deterministic keys) through the escrow's bulk path, paid by the
   * deployer (also their withdrawer), following the canonical rollup. `at`: the timestamp of the (single)
   * staking transaction, for tests of snapshot edges.
   */
  async addValidators(from: number, count: number, opts: { at?: bigint } = {}): Promise<void> {
    if (count === 0) return;
    const [deployer] = await this.connection.viem.getWalletClients();
    const escrow = this.escrow;
    const allowance = await this.token.read.allowance([deployer.account.address, escrow.address]);
    if (allowance < BigInt(count) * MINIMUM_STAKE) await this.prefund(count);
    const chunk = 100; // ~120,000 gas each: stays under the 2^24 per-transaction gas cap
    for (let start = from; start < from + count; start += chunk) {
      const accounts = Array.from({ length: Math.min(chunk, from + count - start) }, (_, k) =>
        validatorAccount(start + k),
      );
      accounts.forEach((a, k) => this.indexOf.set(a.address.toLowerCase(), start + k));
      if (opts.at !== undefined) await this.connection.networkHelpers.time.setNextBlockTimestamp(opts.at);
      await escrow.write.addValidators([
        accounts.map((a) => ({ attester: a.address, withdrawer: deployer.account.address, followCanonical: true })),
      ]);
    }
    this.validatorCount = Math.max(this.validatorCount, from + count);
  }

  /** Mints and approves the stake of `count` validators for the deployer (so staking is one transaction). */
  async prefund(count: number): Promise<void> {
    const [deployer] = await this.connection.viem.getWalletClients();
    const { token, escrow } = this;
    await token.write.mint([deployer.account.address, BigInt(count) * MINIMUM_STAKE]);
    await token.write.approve([escrow.address, BigInt(count) * MINIMUM_STAKE]);
  }

  /** Starts the exit of validator `index` (its withdrawer is the deployer): it leaves the set now. */
  async removeValidator(index: number): Promise<void> {
    const [deployer] = await this.connection.viem.getWalletClients();
    await this.escrow.write.initiateWithdraw([validatorAccount(index).address, deployer.account.address]);
  }

  async genesisTime(): Promise<bigint> {
    return (await this.rollup.read.getConfig()).genesisTime;
  }

  async slotStart(slot: bigint): Promise<bigint> {
    return (await this.genesisTime()) + slot * BigInt(this.options.slotDuration);
  }

  /** Moves time so that the next block is mined at the start of `slot` (which must be in the future). */
  async atSlot(slot: bigint): Promise<bigint> {
    const start = await this.slotStart(slot);
    await this.connection.networkHelpers.time.setNextBlockTimestamp(start);
    return start;
  }

  /** Mines a block at the start of `epoch` (so views see that epoch). */
  async warpToEpoch(epoch: bigint): Promise<void> {
    await this.connection.networkHelpers.time.increaseTo((await this.genesisTime()) + epoch * this.epochSeconds);
  }

  async committee(epoch: bigint): Promise<EpochCommittee> {
    const client = await this.connection.viem.getPublicClient();
    return computeCommittee({ client, rollup: this.rollup.address, epoch });
  }

  accountOf(address: Address): PrivateKeyAccount {
    const index = this.indexOf.get(address.toLowerCase());
    if (index === undefined) throw new Error(`not a validator of this system: ${address}`);
    return validatorAccount(index);
  }

  /**
   * Builds the next block for `slot` on the current pending tip, with `signers` committee members signing
   * (default: the first floor(2n/3)+1 by committee index, always including the proposer).
   */
  async prepare(
    slot: bigint,
    opts: {
      txCount?: number;
      txSize?: number;
      signers?: number;
      parent?: { blockNumber: bigint; archive: Hex };
      inHash?: Hex;
      outHash?: Hex;
      /** Default: the slot's proposer, or a placeholder when the committee is empty (bootstrap). */
      coinbase?: Address;
    } = {},
  ): Promise<Proposal> {
    const epoch = slot / BigInt(this.options.epochDuration);
    // Nobody set up the previous epoch: the seed is fixed by this epoch's first setup, so set up before sampling.
    if (!(await this.rollup.read.isSeedFixed([epoch]))) await this.rollup.write.setupEpoch();
    const committee = await this.committee(epoch);
    const [tipNumber, tipArchive] = await this.rollup.read.getPendingTip();
    const proposerAddress = proposerOf(committee, slot);
    const block = buildBlock({
      parent: opts.parent ?? { blockNumber: tipNumber, archive: tipArchive },
      slot,
      timestamp: await this.slotStart(slot),
      coinbase: opts.coinbase ?? proposerAddress ?? "0x000000000000000000000000000000000000c0de",
      txs: randomTxPayloads({ txCount: opts.txCount ?? 1, txSize: opts.txSize ?? 128 }),
      inHash: opts.inHash,
      outHash: opts.outHash,
    });
    const n = committee.committee.length;
    const wanted = opts.signers ?? (n === 0 ? 0 : requiredAttestations(n));
    const signers = committee.committee.filter((a) => a !== proposerAddress).slice(0, Math.max(0, wanted - 1));
    if (proposerAddress !== undefined && wanted > 0) signers.push(proposerAddress);
    const attestations = await this.attest(block.header, committee.committee, signers);
    const proposer = proposerAddress === undefined ? undefined : this.accountOf(proposerAddress);
    return { block, committee, attestations, proposer, signers };
  }

  /** Signatures of `signers` (validator addresses) over `header`, encoded against `committee`. */
  async attest(header: L2Header, committee: readonly Address[], signers: readonly Address[]) {
    return signAttestations({
      chainId: await this.chainId(),
      rollup: this.rollup.address,
      header,
      committee,
      signers: signers.map((a) => this.accountOf(a)),
    });
  }

  async chainId(): Promise<number> {
    return (await this.connection.viem.getPublicClient()).getChainId();
  }

  /** A funded wallet client for a local account (blob transactions are signed locally). */
  async walletFor(account: PrivateKeyAccount) {
    await this.connection.networkHelpers.setBalance(account.address, parseEther("100"));
    const chain = (await this.connection.viem.getPublicClient()).chain;
    return createWalletClient({ account, chain, transport: custom(this.connection.provider) });
  }

  /** Sends `proposal` as a type-3 transaction from `sender` (default: the proposer, or validator 0). */
  async send(
    proposal: Proposal,
    overrides: {
      sender?: PrivateKeyAccount;
      header?: Proposal["block"]["header"];
      attestations?: EncodedAttestations;
      committee?: Hex;
      blobs?: Hex[];
      packedCommitments?: Hex;
    } = {},
  ): Promise<Hex> {
    const sender = overrides.sender ?? proposal.proposer ?? validatorAccount(0);
    return proposeBlock({
      wallet: await this.walletFor(sender),
      rollup: this.rollup.address,
      header: overrides.header ?? proposal.block.header,
      attestations: overrides.attestations ?? proposal.attestations,
      committee: overrides.committee ?? packCommittee(proposal.committee.committee),
      blobs: overrides.blobs ?? proposal.block.blobs.blobs,
      packedCommitments: overrides.packedCommitments ?? proposal.block.blobs.packedCommitments,
    });
  }

  /** Sets up the current epoch and proposes a block at `slot` end to end; returns the receipt. */
  async proposeAt(slot: bigint, opts: Parameters<RollupSystem["prepare"]>[1] = {}) {
    await this.atSlot(slot);
    const proposal = await this.prepare(slot, opts);
    const hash = await this.send(proposal);
    const client = await this.connection.viem.getPublicClient();
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status === "success") {
      proposal.block.blobs.blobs.forEach((b, i) => this.blobs.set(proposal.block.blobs.versionedHashes[i], b));
    }
    return { proposal, receipt };
  }

  /** A prover client for this Rollup that sends from `walletClient` and reads blobs from `blobs`. */
  async proverClient(walletClient: Parameters<typeof createProverClient>[0]["walletClient"]) {
    const publicClient = await this.connection.viem.getPublicClient();
    const { slotDuration, epochDuration } = this.options;
    const clock = {
      genesisTime: await this.genesisTime(),
      slotDuration: BigInt(slotDuration),
      epochDuration: BigInt(epochDuration),
    };
    return createProverClient({
      publicClient,
      walletClient,
      rollup: this.rollup.address,
      reader: rollupChainReader({ publicClient, rollup: this.rollup.address, clock }),
      clock,
      blobOf: (versionedHash) => {
        const blob = this.blobs.get(versionedHash);
        if (blob === undefined) throw new Error(`no blob for ${versionedHash}: it was not sent by proposeAt`);
        return blob;
      },
      kzg: loadCKzg(),
      proofSubmissionEpochs: this.options.proofs.proofSubmissionEpochs,
    });
  }
}

/** The usual propose-test system: 48 validators, committees of 16, time at the start of `epoch`, its committee set up. */
export async function system48AtEpoch(connection: Connection, epoch: bigint): Promise<RollupSystem> {
  const system = await new RollupSystemBuilder(connection).withValidators(48).withCommitteeSize(16).build();
  await system.warpToEpoch(epoch);
  await system.rollup.write.setupEpoch();
  return system;
}

/** Names of the custom errors the Rollup's ABI declares. */
export type RollupErrorName = Extract<ContractReturnType<"Rollup">["abi"][number], { type: "error" }>["name"];
