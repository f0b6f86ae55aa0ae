import type { ContractReturnType, PublicClient } from "@nomicfoundation/hardhat-viem/types";
import type { Address, Hash } from "viem";
import { BaseError } from "../errors/BaseError.js";
import type { ValidatorEntry } from "./readValidatorList.js";

/** EIP-7825 (Osaka) caps one transaction's gas at 2^24; a batch must fit under it and the block gas limit. */
export const TRANSACTION_GAS_CAP = 16_777_216n;
/** Share of the gas limit a batch aims for, leaving room for estimate drift. */
const FILL = 0.8;
/** Entries in the probe batch used to estimate the gas of one validator. */
const PROBE = 8;

export type AddValidatorsParameters = {
  publicClient: PublicClient;
  escrow: ContractReturnType<"StakingEscrow">;
  asset: ContractReturnType<"TestStakingAsset">;
  /** The operator: pays the stakes (and mints the shortfall when `mint` is set). */
  account: Address;
  validators: readonly ValidatorEntry[];
  /** Mint the missing tokens to `account` first (the operator must own the TestStakingAsset). */
  mint?: boolean;
  /** Fixed entries per transaction; default: as many as fit in the gas limit. */
  batchSize?: number;
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
 * mined before the next is sent.
 */
export async function addValidators(params: AddValidatorsParameters): Promise<AddValidatorsReturnType> {
  const { publicClient, escrow, asset, account, validators, mint = false, onBatch } = params;
  const statuses = await readStatuses(escrow, validators);
  const pending = validators.filter((_, i) => statuses[i] === 0);
  const skipped = validators.filter((_, i) => statuses[i] !== 0).map((v) => v.attester);
  if (pending.length === 0) return { added: 0, skipped, batchSize: 0, transactions: [], gasUsed: 0n };

  const total = (await escrow.read.minimumStake()) * BigInt(pending.length);
  await ensureFunds({ publicClient, escrow, asset, account, total, mint });

  const batchSize = params.batchSize ?? (await fittingBatchSize(publicClient, escrow, account, pending));
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new AddValidatorsError("Bad batch size.", "a positive integer", String(batchSize));
  }
  const batches = Math.ceil(pending.length / batchSize);
  const transactions: Hash[] = [];
  let gasUsed = 0n;
  for (let batch = 0; batch < batches; batch++) {
    const slice = pending.slice(batch * batchSize, (batch + 1) * batchSize);
    const hash = await escrow.write.addValidators([slice], { account });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") {
      throw new AddValidatorsError(`Batch ${batch + 1}/${batches} reverted (tx ${hash}).`, "success", receipt.status);
    }
    transactions.push(hash);
    gasUsed += receipt.gasUsed;
    onBatch?.({ batch: batch + 1, batches, added: Math.min((batch + 1) * batchSize, pending.length), gasUsed });
  }
  return { added: pending.length, skipped, batchSize, transactions, gasUsed };
}

/** Status codes (0 = NONE) of every attester, read in parallel chunks. */
async function readStatuses(
  escrow: ContractReturnType<"StakingEscrow">,
  validators: readonly ValidatorEntry[],
): Promise<number[]> {
  const statuses: number[] = [];
  const chunk = 256;
  for (let i = 0; i < validators.length; i += chunk) {
    const infos = await Promise.all(validators.slice(i, i + chunk).map((v) => escrow.read.getValidator([v.attester])));
    statuses.push(...infos.map((info) => info.status));
  }
  return statuses;
}

async function ensureFunds(args: {
  publicClient: PublicClient;
  escrow: ContractReturnType<"StakingEscrow">;
  asset: ContractReturnType<"TestStakingAsset">;
  account: Address;
  total: bigint;
  mint: boolean;
}): Promise<void> {
  const { publicClient, escrow, asset, account, total, mint } = args;
  const balance = await asset.read.balanceOf([account]);
  if (balance < total) {
    if (!mint) {
      throw new AddValidatorsError(
        "The operator holds too few staking tokens (use --mint if it owns the test token).",
        `${total}`,
        `${balance}`,
      );
    }
    await mined(publicClient, await asset.write.mint([account, total - balance], { account }));
  }
  const allowance = await asset.read.allowance([account, escrow.address]);
  if (allowance < total) await mined(publicClient, await asset.write.approve([escrow.address, total], { account }));
}

async function fittingBatchSize(
  publicClient: PublicClient,
  escrow: ContractReturnType<"StakingEscrow">,
  account: Address,
  pending: readonly ValidatorEntry[],
): Promise<number> {
  const block = await publicClient.getBlock();
  const limit = block.gasLimit < TRANSACTION_GAS_CAP ? block.gasLimit : TRANSACTION_GAS_CAP;
  const probe = pending.slice(0, PROBE);
  const estimate = await escrow.estimateGas.addValidators([probe], { account });
  const perValidator = Number(estimate) / probe.length;
  return Math.max(1, Math.floor((Number(limit) * FILL) / perValidator));
}

async function mined(publicClient: PublicClient, hash: Hash): Promise<void> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new AddValidatorsError(`Transaction ${hash} reverted.`, "success", "revert");
}
