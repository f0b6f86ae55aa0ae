/**
 * Gas of `signal`, `slashSignal` and `castVote` (SPEC section 13 and issue 14 keys) on the whole System module: the
 * real Rollup (committee of 16 sampled from the 20 node accounts staked in the StakingEscrow), Registry, Governance,
 * GovernanceProposer and SlashingProposer (with its Slasher and payload factory). The signals are in an epoch that was set up (as the
 * network does at each epoch's first slot, and every first `propose` of an epoch does), so the Rollup's
 * `getCurrentProposer` reads the epoch's proposer table instead of re-sampling the committee; each figure is the
 * second signal of a round, by the slot's proposer directly. `castVote` is a first vote with one validator's stake.
 */
import type { NetworkConnection } from "hardhat/types/network";
import type { Hash } from "viem";
import SystemModule from "../ignition/modules/System.js";
import { readRollupConfig } from "../src/chain/readRollupConfig.js";
import { slotStart } from "../src/chain/time.js";
import { withTestVerifier } from "../src/deploy/withTestVerifier.js";
import { addValidators } from "../src/validators/addValidators.js";
import { consentedEntries, walletConsentSigner } from "../src/validators/stakeConsent.js";
import type { GasFigures } from "./gasReport.js";

export default async function governanceGas(connection: NetworkConnection): Promise<GasFigures> {
  const { viem, ignition, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const gasOf = async (hash: Hash) => Number((await publicClient.waitForTransactionReceipt({ hash })).gasUsed);
  const wallets = await viem.getWalletClients();
  const me = wallets[0].account.address;

  const s = await ignition.deploy(SystemModule, {
    parameters: await withTestVerifier(ignition, {
      System: { quorumSize: 3n, roundSize: 5n, votingDelay: 1n, quorumNumerator: 10n },
    }),
  });
  await addValidators({
    publicClient,
    walletClient: wallets[0],
    escrow: s.stakingEscrow.address,
    asset: s.stakingAsset.address,
    validators: await consentedEntries({
      publicClient,
      escrow: s.stakingEscrow.address,
      signers: wallets.map(walletConsentSigner),
      withdrawer: me,
    }),
    mint: true,
  });
  const payload = await viem.deployContract("GovernanceParametersPayload", [s.governance.address, 1, 7_200, 10n]);

  const { clock } = await readRollupConfig(publicClient, s.rollup.address);
  // The System's SlashingProposer (64-slot rounds) and a payload of its factory.
  const slashingProposer = s.slashingProposer;
  const entries = [{ attester: wallets[1].account.address, amount: 1n, offence: 0 }];
  await s.slashPayloadFactory.write.createPayload([entries]);
  const slashPayload = await s.slashPayloadFactory.read.predictAddress([entries]);

  // the first round that starts in epoch 2, the first epoch whose committee samples the staked set
  const first = ((2n * clock.epochDuration) / 5n + 1n) * 5n;
  await networkHelpers.time.increaseTo(slotStart(clock, 2n * clock.epochDuration));
  await s.rollup.write.setupEpoch();
  const signalGas: number[] = [];
  const slashSignalGas: number[] = [];
  for (let slot = first; slot < first + 3n; slot++) {
    await networkHelpers.time.increaseTo(slotStart(clock, slot));
    const proposer = await s.rollup.read.getCurrentProposer();
    signalGas.push(await gasOf(await s.governanceProposer.write.signal([payload.address], { account: proposer })));
    slashSignalGas.push(await gasOf(await slashingProposer.write.signal([slashPayload], { account: proposer })));
  }
  await networkHelpers.time.increaseTo(slotStart(clock, first + 5n));
  const round = first / 5n;
  const { result: id } = await s.governanceProposer.simulate.submitRoundWinner([round]);
  await s.governanceProposer.write.submitRoundWinner([round]);
  await networkHelpers.time.increaseTo((await s.governance.read.proposalSnapshot([id])) + 1n);
  const castVote = await gasOf(await s.governance.write.castVote([id, 1], { account: me }));
  return { signal: signalGas[1], slashSignal: slashSignalGas[1], castVote };
}
