import type { ProverBlob } from "./batchBlobs.js";
import {
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { rollupAbi } from "../chain/abi.js";
import { type SlotClock, epochOf, proofDeadline } from "../chain/time.js";
import { type EpochProof, type ProvableBlock, buildEpochProof, planEpoch } from "./buildEpochProof.js";
import type { CKzg } from "./loadCKzg.js";

/** What the prover reads of the L1 chain. */
export type ProverChainReader = {
  /** Proven and pending block numbers. */
  tips(): Promise<{ proven: bigint; pending: bigint }>;
  /** The stored archive of block `n`. */
  archiveOf(n: bigint): Promise<Hex>;
  /** Blocks `from..to` of the pending chain (archive, slot, blobs' versioned hashes), ascending. */
  blocks(from: bigint, to: bigint): Promise<ProvableBlock[]>;
};

/** Produces the proof bytes for the verifier from the public inputs hash (empty for the test verifier). */
export type ProofSystem = (proof: EpochProof) => Promise<Hex>;

export type ProverClientParameters = {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain, Account>;
  rollup: Address;
  reader: ProverChainReader;
  clock: SlotClock;
  /** The blob data of a versioned hash (sequencer store, blob archive). */
  blobOf: (versionedHash: Hex) => ProverBlob;
  kzg: CKzg;
  /** The Rollup's proof submission window in epochs after the epoch's end (default 1). */
  proofSubmissionEpochs?: bigint;
  /** Address credited with the prover reward (default: the wallet's). */
  prover?: Address;
  proofSystem?: ProofSystem;
};

/** What one `tick` did. */
export type ProverTick =
  | { status: "idle" } // nothing unproven
  | { status: "waiting"; epoch: bigint } // the next epoch has not ended
  | { status: "missed"; epoch: bigint; deadline: bigint } // its window passed: only a prune can follow
  | { status: "proven"; epoch: bigint; startBlock: bigint; endBlock: bigint; txHash: Hex }
  | { status: "failed"; epoch: bigint; txHash?: Hex; reason: string }; // refused or dropped: retried next tick

/**
 * The prover: call `tick()` on every new L1 block. It waits for the epoch of `provenTip + 1` to end, builds the
 * public inputs and the batched blob proof, and submits. A proof dropped or reverted (an L1 reorg, a competing
 * prover) leaves the proven tip where it was, so the next tick rebuilds and resubmits while the window is open.
 */
export function createProverClient(p: ProverClientParameters) {
  const proofSystem: ProofSystem = p.proofSystem ?? (async () => "0x");
  return {
    async tick(): Promise<ProverTick> {
      const { proven, pending } = await p.reader.tips();
      if (pending === proven) return { status: "idle" };
      const now = (await p.publicClient.getBlock()).timestamp + 1n;
      const plan = planEpoch({
        provenTip: { blockNumber: proven, archive: await p.reader.archiveOf(proven) },
        pending: await p.reader.blocks(proven + 1n, pending),
        clock: p.clock,
        now,
      });
      if (plan === undefined) {
        const first = await p.reader.blocks(proven + 1n, proven + 1n);
        return { status: "waiting", epoch: epochOf(p.clock, first[0].slot) };
      }
      const window = p.proofSubmissionEpochs ?? 1n;
      const deadline = proofDeadline(p.clock, window, plan.epoch);
      if (now >= deadline) return { status: "missed", epoch: plan.epoch, deadline };
      const proof = buildEpochProof({
        chainId: BigInt(await p.publicClient.getChainId()),
        rollup: p.rollup,
        epoch: plan.epoch,
        previousArchive: plan.previousArchive,
        blocks: plan.blocks,
        blobOf: p.blobOf,
        prover: p.prover ?? p.walletClient.account.address,
        kzg: p.kzg,
      });
      let txHash: Hex | undefined;
      try {
        txHash = await p.walletClient.writeContract({
          address: p.rollup,
          abi: rollupAbi,
          functionName: "submitEpochRootProof",
          args: [proof.startBlock, proof.endBlock, proof.publicInputs, proof.blobProof, await proofSystem(proof)],
          gas: 1_000_000n,
        });
        const receipt = await p.publicClient.waitForTransactionReceipt({ hash: txHash });
        if (receipt.status !== "success") return { status: "failed", epoch: plan.epoch, txHash, reason: "reverted" };
      } catch (error) {
        return { status: "failed", epoch: plan.epoch, txHash, reason: (error as Error).message.split("\n")[0] };
      }
      return { status: "proven", epoch: plan.epoch, startBlock: proof.startBlock, endBlock: proof.endBlock, txHash };
    },
  };
}
