/**
 * Gas of epoch proofs (SPEC section 13): `submitEpochRootProof.blocks32` (32 blocks, one blob each, test
 * verifier) and `claimRewards` (a sequencer claiming 16 proven blocks plus nothing else).
 * Runs on the chain-state harness until the proof entry points are wired into the Rollup; the proof reads a
 * constant number of words, so the figure carries over (docs/PROOFS.md).
 */
import type { GasFigures } from "./gasReport.js";
import { deployProofChain, EPOCH, type Connection } from "../../test/proofs/helpers/proofChain.js";
import { buildEpochProof, planEpoch } from "../prover/buildEpochProof.js";

export default async function proofsGas(connection: Connection): Promise<GasFigures> {
  const chain = await deployProofChain(connection);
  await chain.proposeMany(0n, Number(EPOCH));
  const pending = [...chain.blocks.values()];
  const plan = planEpoch({
    provenTip: { blockNumber: 0n, archive: await chain.rollup.read.getArchive([0n]) },
    pending,
    clock: { genesisTime: chain.genesisTime, slotDuration: 36n, epochDuration: EPOCH },
    now: chain.epochStart(1n),
  });
  if (plan === undefined) throw new Error("proofs bench: epoch 0 is not provable");
  const proof = buildEpochProof({
    chainId: BigInt(await chain.publicClient.getChainId()),
    rollup: chain.rollup.address,
    epoch: plan.epoch,
    previousArchive: plan.previousArchive,
    blocks: plan.blocks,
    blobOf: (vh) => chain.blobStore.get(vh)!,
    prover: chain.prover.account.address,
    kzg: chain.kzg,
  });
  await chain.networkHelpers.time.setNextBlockTimestamp(chain.epochStart(1n));
  const proveHash = await chain.rollup.write.submitEpochRootProof([
    proof.startBlock,
    proof.endBlock,
    proof.publicInputs,
    proof.blobProof,
    "0x",
  ]);
  const proved = await chain.publicClient.waitForTransactionReceipt({ hash: proveHash });

  const evens = pending.filter((b) => b.blockNumber % 2n === 0n).map((b) => b.blockNumber);
  const claimHash = await chain.rollup.write.claimRewards([evens], { account: chain.sequencerA.account });
  const claimed = await chain.publicClient.waitForTransactionReceipt({ hash: claimHash });
  return {
    submitEpochRootProof: { blocks32: Number(proved.gasUsed) },
    claimRewards: { blocks16: Number(claimed.gasUsed) },
  };
}
