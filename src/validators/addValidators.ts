import type { Account, Address, Chain, Hash, PublicClient, Transport, WalletClient } from "viem";
import { stakingEscrowAbi, testStakingAssetAbi } from "../chain/abi.js";
import { BaseError, TransactionRevertedError } from "../errors/BaseError.js";
import type { ValidatorEntry } from "./readValidatorList.js";
import { bulkConsentTerms, consentSigner } from "./stakeConsent.js";

/** EIP-7825 (Osaka) caps one transaction's gas at 2^24; a batch must fit under it and the block gas limit. */
export const TRANSACTION_GAS_CAP = 16_777_216n;
/** Share of the gas limit a batch aims for, leaving room for estimate drift. */
const FILL = 0.8;
/** Entries in the probe batch used to estimate the gas of one validator. */
const PROBE = 8;
/** Attesters whose status is read in parallel. */
const READ_CHUNK = 256;

export type AddValidatorsParameters = {
  publicClient: PublicClient;
  /** The operator's wallet: pays the stakes (and mints the shortfall when `mint` is set). */
  walletClient: WalletClient<Transport, Chain, Account>;
  escrow: Address;
  /** The staking token (`StakingEscrow.asset()`, a TestStakingAsset when `mint` is set). */
  asset: Address;
  validators: readonly ValidatorEntry[];
  /** Mint the missing tokens to the operator first (the operator must own the TestStakingAsset). */
  mint?: boolean;
  /** Fixed entries per transaction; default: as many as fit in the gas limit. */
  batchSize?: number;
  /** Called before each batch is sent (e.g. to fix the next block's time in a test network). */
  beforeBatch?: (batch: number) => Promise<void>;
  /** Called after each mined batch. */
  onBatch?: (progress: { batch: number; batches: number; added: number; gasUsed: bigint }) => void;
};

export type AddValidatorsReturnType = {
  added: number;
  /** Attesters already staked (any status), left out so a re-run after a partial failure is safe. */
  skipped: Address[];
  batchSize: number;
  transactions: Hash[];
  gasUsed: bigint;
};

/** Error for an onboarding that cannot proceed: what was needed and what was there. */
export class AddValidatorsError extends BaseError {
  override name = "AddValidatorsError";

  constructor(message: string, expected: string, given: string) {
    super(message, { expected, given });
  }
}

/**
 * Onboards a list of validators through `StakingEscrow.addValidators`: leaves out attesters already staked,
 * makes sure the operator holds and approved the total stake (minting the shortfall on request), and sends
 * batches sized to the gas limit (a probe batch's estimate gives the gas per validator). Each batch is
 * mined before the next is sent. The one way validators are staked in bulk: commands, tests and benchmarks.
 */
export async function addValidators(params: AddValidatorsParameters): Promise<AddValidatorsReturnType> {
  const { publicClient, walletClient, escrow, validators, onBatch } = params;
  const statuses = await readStatuses(publicClient, escrow, validators);
  const unstaked = validators.filter((_, i) => statuses[i] === 0);
  const skipped = validators.filter((_, i) => statuses[i] !== 0).map((v) => v.attester);
  if (unstaked.length === 0) return { added: 0, skipped, batchSize: 0, transactions: [], gasUsed: 0n };
  const pending = await checkConsents(params, unstaked);

  const minimumStake = await publicClient.readContract({
    address: escrow,
    abi: stakingEscrowAbi,
    functionName: "minimumStake",
  });
  await ensureFunds(params, minimumStake * BigInt(pending.length));

  const batchSize = params.batchSize ?? (await fittingBatchSize(params, pending));
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new AddValidatorsError("Bad batch size.", "a positive integer", String(batchSize));
  }
  const batches = Math.ceil(pending.length / batchSize);
  const transactions: Hash[] = [];
  let gasUsed = 0n;
  for (let batch = 0; batch < batches; batch++) {
    const slice = pending.slice(batch * batchSize, (batch + 1) * batchSize);
    await params.beforeBatch?.(batch);
    const hash = await walletClient.writeContract({
      address: escrow,
      abi: stakingEscrowAbi,
      functionName: "addValidators",
      args: [slice],
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new TransactionRevertedError(`Batch ${batch + 1}/${batches}`, hash);
    transactions.push(hash);
    gasUsed += receipt.gasUsed;
    onBatch?.({ batch: batch + 1, batches, added: Math.min((batch + 1) * batchSize, pending.length), gasUsed });
  }
  return { added: pending.length, skipped, batchSize, transactions, gasUsed };
}

/**
 * Refuses, before anything is sent, an entry whose stake consent is missing or signed by another key (the escrow
 * would revert the whole batch): names the attester and the terms it must sign. Returns the entries as the
 * contract takes them (an operator's own attester needs no signature).
 */
async function checkConsents(params: AddValidatorsParameters, entries: readonly ValidatorEntry[]) {
  const operator = params.walletClient.account.address.toLowerCase();
  const terms = await bulkConsentTerms(params.publicClient, params.escrow);
  return entries.map((entry) => {
    const signature = entry.signature ?? "0x";
    if (entry.attester.toLowerCase() === operator) return { ...entry, signature };
    const signer = entry.signature === undefined ? undefined : consentSigner({ ...entry, signature }, terms);
    if (signer?.toLowerCase() !== entry.attester.toLowerCase()) {
      throw new AddValidatorsError(
        `Attester ${entry.attester} has no valid stake consent.`,
        `its signature over StakeConsent(withdrawer ${entry.withdrawer}, rollup ${terms.rollup}, followCanonical ${entry.followCanonical}) on chain ${terms.chainId}`,
        entry.signature === undefined
          ? "no signature"
          : signer === undefined
            ? "a signature the escrow recovers no signer from (v not 27/28, or a high s)"
            : `a signature by ${signer}`,
      );
    }
    return { ...entry, signature };
  });
}

/** Status codes (0 = NONE) of every attester, read in parallel chunks. */
async function readStatuses(
  publicClient: PublicClient,
  escrow: Address,
  validators: readonly ValidatorEntry[],
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < validators.length; i += READ_CHUNK) {
    const infos = await Promise.all(
      validators.slice(i, i + READ_CHUNK).map((v) =>
        publicClient.readContract({
          address: escrow,
          abi: stakingEscrowAbi,
          functionName: "getValidator",
          args: [v.attester],
        }),
      ),
    );
    statuses.push(...infos.map((info) => info.status));
  }
  return statuses;
}

async function ensureFunds(params: AddValidatorsParameters, total: bigint): Promise<void> {
  const { publicClient, walletClient, escrow, asset, mint = false } = params;
  const account = walletClient.account.address;
  const token = { address: asset, abi: testStakingAssetAbi } as const;
  const balance = await publicClient.readContract({ ...token, functionName: "balanceOf", args: [account] });
  if (balance < total) {
    if (!mint) {
      throw new AddValidatorsError(
        "The operator holds too few staking tokens (use --mint if it owns the test token).",
        `${total}`,
        `${balance}`,
      );
    }
    const hash = await walletClient.writeContract({ ...token, functionName: "mint", args: [account, total - balance] });
    await mined(publicClient, hash);
  }
  const allowance = await publicClient.readContract({ ...token, functionName: "allowance", args: [account, escrow] });
  if (allowance < total) {
    await mined(
      publicClient,
      await walletClient.writeContract({ ...token, functionName: "approve", args: [escrow, total] }),
    );
  }
}

async function fittingBatchSize(
  params: AddValidatorsParameters,
  pending: readonly (ValidatorEntry & { signature: `0x${string}` })[],
): Promise<number> {
  const { publicClient, walletClient, escrow } = params;
  const block = await publicClient.getBlock();
  const limit = block.gasLimit < TRANSACTION_GAS_CAP ? block.gasLimit : TRANSACTION_GAS_CAP;
  const probe = pending.slice(0, PROBE);
  const estimate = await publicClient.estimateContractGas({
    address: escrow,
    abi: stakingEscrowAbi,
    functionName: "addValidators",
    args: [probe],
    account: walletClient.account,
  });
  const perValidator = Number(estimate) / probe.length;
  return Math.max(1, Math.floor((Number(limit) * FILL) / perValidator));
}

async function mined(publicClient: PublicClient, hash: Hash): Promise<void> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new TransactionRevertedError("Transaction", hash);
}
