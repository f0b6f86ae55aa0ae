import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import type { NetworkConnection } from "hardhat/types/network";
import { createWalletClient, custom, parseEther, type Address, type Hex, type PrivateKeyAccount } from "viem";
import { type ReadRollupConfigReturnType, readRollupConfig } from "../chain/readRollupConfig.js";
import { epochOf, epochStart, slotStart } from "../chain/time.js";
import { computeCommittee, proposerOf, type EpochCommittee } from "../committee/computeCommittee.js";
import { InvalidParameterError } from "../errors/BaseError.js";
import { createProverClient } from "../prover/proverClient.js";
import { rollupChainReader } from "../prover/rollupChainReader.js";
import { loadCKzg } from "../prover/loadCKzg.js";
import { packCommittee, requiredAttestations, signAttestations } from "../sequencer/attestations.js";
import type { EncodedAttestations } from "../sequencer/attestations.js";
import { buildBlock, type BuiltBlock } from "../sequencer/buildBlock.js";
import type { L2Header } from "../sequencer/header.js";
import { proposeBlock } from "../sequencer/proposeBlock.js";
import { randomTxPayloads } from "../sequencer/randomTxPayloads.js";
import { addValidators } from "../validators/addValidators.js";
import { consentedEntries } from "../validators/stakeConsent.js";
import { validatorAccount } from "./validatorKeys.js";

/** The contracts of a Rollup system: the Rollup, its escrow, and what the builder deployed beside them. */
export type RollupSystemContracts = {
  rollup: ContractReturnType<"Rollup">;
  escrow: ContractReturnType<"StakingEscrow">;
  /** The staking token, Registry and switchable test verifier (absent for systems wrapped around others'). */
  token?: ContractReturnType<"TestStakingAsset">;
  registry?: ContractReturnType<"Registry">;
  verifier?: ContractReturnType<"TestVerifier">;
};

/** A block ready to send: the built block, its committee, the signatures and who proposes it. */
export type Proposal = {
  block: BuiltBlock;
  committee: EpochCommittee;
  attestations: EncodedAttestations;
  proposer: PrivateKeyAccount | undefined;
  /** Committee members that signed (the proposer last). */
  signers: Address[];
};

export type PrepareOptions = {
  txCount?: number;
  txSize?: number;
  /** How many committee members sign (default floor(2n/3)+1, always including the proposer). */
  signers?: number;
  parent?: { blockNumber: bigint; archive: Hex };
  inHash?: Hex;
  outHash?: Hex;
};

export type SendOverrides = {
  sender?: PrivateKeyAccount;
  header?: L2Header;
  attestations?: EncodedAttestations;
  committee?: Hex;
  blobs?: Hex[];
  packedCommitments?: Hex;
};

/**
 * A deployed Rollup system on a Hardhat network connection (in-process or `npx hardhat node`): moves time to
 * slots, computes committees, stakes deterministic validators, builds, signs and proposes blocks as real blob
 * transactions, and makes prover clients. What tests, benchmarks and a simulator compose networks from.
 */
export class RollupSystem {
  /** Validator index by lower-case address. */
  private readonly indexOf = new Map<string, number>();
  private configRead?: Promise<ReadRollupConfigReturnType>;
  public validatorCount = 0;
  /** The blob data of every block `proposeAt` sent, by versioned hash (the prover's blob source). */
  readonly blobs = new Map<Hex, Hex>();
  readonly rollup: ContractReturnType<"Rollup">;
  readonly escrow: ContractReturnType<"StakingEscrow">;

  constructor(
    readonly connection: NetworkConnection<string>,
    readonly contracts: RollupSystemContracts,
  ) {
    this.rollup = contracts.rollup;
    this.escrow = contracts.escrow;
  }

  /** The staking token (only for systems the builder deployed). */
  get token(): ContractReturnType<"TestStakingAsset"> {
    return this.deployed("token");
  }

  /** The switchable test verifier (only for systems the builder deployed). */
  get verifier(): ContractReturnType<"TestVerifier"> {
    return this.deployed("verifier");
  }

  private deployed<Name extends "token" | "verifier">(name: Name): NonNullable<RollupSystemContracts[Name]> {
    const contract = this.contracts[name];
    if (contract === undefined) {
      throw new InvalidParameterError(`This RollupSystem has no ${name}.`, {
        expected: "a system the builder deployed",
        given: "a system wrapped around deployed contracts",
      });
    }
    return contract as NonNullable<RollupSystemContracts[Name]>;
  }

  /** The Rollup's configuration, read once. */
  config(): Promise<ReadRollupConfigReturnType> {
    this.configRead ??= this.publicClient().then((client) => readRollupConfig(client, this.rollup.address));
    return this.configRead;
  }

  async genesisTime(): Promise<bigint> {
    return (await this.config()).genesisTime;
  }

  async slotStart(slot: bigint): Promise<bigint> {
    return slotStart((await this.config()).clock, slot);
  }

  /** Seconds per epoch. */
  async epochSeconds(): Promise<bigint> {
    const { clock } = await this.config();
    return epochStart(clock, 1n) - epochStart(clock, 0n);
  }

  /**
   * Stakes validators `from .. from+count-1` (deterministic keys) through the production onboarding path
   * (`addValidators`, 100 per transaction), paid by the deployer (also their withdrawer, minting the shortfall),
   * following the canonical rollup. `at`: the timestamp of the (single) staking transaction, for snapshot edges.
   */
  async addValidators(from: number, count: number, opts: { at?: bigint } = {}): Promise<void> {
    if (count === 0) return;
    const [deployer] = await this.connection.viem.getWalletClients();
    const accounts = Array.from({ length: count }, (_, k) => validatorAccount(from + k));
    accounts.forEach((a, k) => this.indexOf.set(a.address.toLowerCase(), from + k));
    const at = opts.at;
    await addValidators({
      publicClient: await this.publicClient(),
      walletClient: deployer,
      escrow: this.escrow.address,
      asset: this.token.address,
      validators: await consentedEntries({
        publicClient: await this.publicClient(),
        escrow: this.escrow.address,
        signers: accounts,
        withdrawer: deployer.account.address,
      }),
      mint: true,
      batchSize: 100, // ~120,000 gas each: stays under the 2^24 per-transaction gas cap
      beforeBatch: at === undefined ? undefined : () => this.connection.networkHelpers.time.setNextBlockTimestamp(at),
    });
    this.validatorCount = Math.max(this.validatorCount, from + count);
  }

  /** Mints and approves the stake of `count` validators for the deployer (so staking is one transaction). */
  async prefund(count: number): Promise<void> {
    const [deployer] = await this.connection.viem.getWalletClients();
    const total = BigInt(count) * (await this.escrow.read.minimumStake());
    await this.token.write.mint([deployer.account.address, total]);
    await this.token.write.approve([this.escrow.address, total]);
  }

  /** Starts the exit of validator `index` (its withdrawer is the deployer): it leaves the set now. */
  async removeValidator(index: number): Promise<void> {
    const [deployer] = await this.connection.viem.getWalletClients();
    await this.escrow.write.initiateWithdraw([validatorAccount(index).address, deployer.account.address]);
  }

  /** Moves time so that the next block is mined at the start of `slot` (which must be in the future). */
  async atSlot(slot: bigint): Promise<bigint> {
    const start = await this.slotStart(slot);
    await this.connection.networkHelpers.time.setNextBlockTimestamp(start);
    return start;
  }

  /** Mines a block at the start of `epoch` (so views see that epoch). */
  async warpToEpoch(epoch: bigint): Promise<void> {
    await this.connection.networkHelpers.time.increaseTo(epochStart((await this.config()).clock, epoch));
  }

  async committee(epoch: bigint): Promise<EpochCommittee> {
    const client = await this.publicClient();
    return computeCommittee({ client, rollup: this.rollup.address, epoch, config: await this.config() });
  }

  accountOf(address: Address): PrivateKeyAccount {
    const index = this.indexOf.get(address.toLowerCase());
    if (index === undefined) {
      throw new InvalidParameterError("Not a validator of this system.", {
        expected: "a staked validator",
        given: address,
      });
    }
    return validatorAccount(index);
  }

  /**
   * Builds the next block for `slot` on the current pending tip, with `signers` committee members signing
   * (default: the first floor(2n/3)+1 by committee index, always including the proposer).
   */
  async prepare(slot: bigint, opts: PrepareOptions = {}): Promise<Proposal> {
    const epoch = epochOf((await this.config()).clock, slot);
    // Nobody set up the previous epoch: the seed is fixed by this epoch's first setup, so set up before sampling.
    if (!(await this.rollup.read.isSeedFixed([epoch]))) await this.rollup.write.setupEpoch();
    const committee = await this.committee(epoch);
    const [tipNumber, tipArchive] = await this.rollup.read.getPendingTip();
    const proposerAddress = proposerOf(committee, slot);
    const block = buildBlock({
      parent: opts.parent ?? { blockNumber: tipNumber, archive: tipArchive },
      slot,
      timestamp: await this.slotStart(slot),
      coinbase: proposerAddress ?? "0x000000000000000000000000000000000000c0de",
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
    return (await this.publicClient()).getChainId();
  }

  /** A funded wallet client for a local account (blob transactions are signed locally). */
  async walletFor(account: PrivateKeyAccount) {
    await this.connection.networkHelpers.setBalance(account.address, parseEther("100"));
    const chain = (await this.publicClient()).chain;
    return createWalletClient({ account, chain, transport: custom(this.connection.provider) });
  }

  /** Sends `proposal` as a type-3 transaction from `sender` (default: the proposer, or validator 0). */
  async send(proposal: Proposal, overrides: SendOverrides = {}): Promise<Hex> {
    const sender = overrides.sender ?? proposal.proposer ?? validatorAccount(0);
    return proposeBlock({
      wallet: await this.walletFor(sender),
      rollup: this.rollup.address,
      header: overrides.header ?? proposal.block.header,
      attestations: overrides.attestations ?? proposal.attestations,
      committee: overrides.committee ?? packCommittee(proposal.committee.committee),
      blobs: overrides.blobs ?? proposal.block.blobs.blobs,
      packedCommitments: overrides.packedCommitments ?? proposal.block.blobs.packedCommitments,
      // The commitments and proofs computed when the block was built (viem would compute them again).
      sidecars: overrides.blobs === undefined ? proposal.block.blobs : undefined,
    });
  }

  /** Sets up the current epoch and proposes a block at `slot` end to end; returns the receipt. */
  async proposeAt(slot: bigint, opts: PrepareOptions = {}) {
    await this.atSlot(slot);
    const proposal = await this.prepare(slot, opts);
    const hash = await this.send(proposal);
    const receipt = await (await this.publicClient()).waitForTransactionReceipt({ hash });
    if (receipt.status === "success") {
      proposal.block.blobs.blobs.forEach((b, i) => this.blobs.set(proposal.block.blobs.versionedHashes[i], b));
    }
    return { proposal, receipt };
  }

  /** A prover client for this Rollup that sends from `walletClient` and reads blobs from `blobs`. */
  async proverClient(walletClient: Parameters<typeof createProverClient>[0]["walletClient"]) {
    const publicClient = await this.publicClient();
    const { clock, proofs } = await this.config();
    return createProverClient({
      publicClient,
      walletClient,
      rollup: this.rollup.address,
      reader: rollupChainReader({ publicClient, rollup: this.rollup.address, clock }),
      clock,
      blobOf: (versionedHash) => {
        const blob = this.blobs.get(versionedHash);
        if (blob === undefined) {
          throw new InvalidParameterError("No blob for a versioned hash.", {
            expected: "a blob sent by proposeAt",
            given: versionedHash,
          });
        }
        return blob;
      },
      kzg: loadCKzg(),
      proofSubmissionEpochs: proofs.proofSubmissionEpochs,
    });
  }

  private publicClient() {
    return this.connection.viem.getPublicClient();
  }
}
