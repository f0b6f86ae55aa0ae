/**
 * Gas of `signal` and `castVote` (SPEC section 13 keys), on the real Registry, StakingEscrow and governance stack.
 * The rollup is a stub clock whose proposer is set directly, so `signal` here excludes the Rollup's own
 * `getCurrentProposer` cost (the rollup benchmark covers committee sampling).
 */
import type { NetworkConnection } from "hardhat/types/network";
import { parseEther, type Hash } from "viem";
import GovernanceModule from "../../ignition/modules/Governance.js";
import type { GasFigures } from "./gasReport.js";

export default async function governanceGas(connection: NetworkConnection): Promise<GasFigures> {
  const { viem, ignition, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const gasOf = async (hash: Hash) => Number((await publicClient.waitForTransactionReceipt({ hash })).gasUsed);
  const wallets = await viem.getWalletClients();
  const me = wallets[0].account.address;
  const stake = parseEther("100");

  const token = await viem.deployContract("TestStakingAsset", ["Staking", "STK", me, parseEther("1"), 86_400n]);
  const registry = await viem.deployContract("Registry", [me]);
  const escrow = await viem.deployContract("StakingEscrow", [
    token.address,
    registry.address,
    me,
    stake,
    stake,
    86_400n,
  ]);
  const rollup = await viem.deployContract("GovernanceRollupStub");
  const rollupV2 = await viem.deployContract("GovernanceRollupStub");
  await registry.write.addRollup([rollup.address]);
  await escrow.write.addRollup([rollup.address]);
  const sequencers = wallets.slice(1, 6).map((w) => w.account.address);
  await token.write.mint([me, stake * BigInt(sequencers.length)]);
  await token.write.approve([escrow.address, stake * BigInt(sequencers.length)]);
  await escrow.write.addValidators([
    sequencers.map((attester) => ({ attester, withdrawer: me, followCanonical: true })),
  ]);

  const { governance, governanceProposer } = await ignition.deploy(GovernanceModule, {
    parameters: {
      Governance: {
        registry: registry.address,
        escrow: escrow.address,
        quorumSize: 3n,
        roundSize: 5n,
        votingDelay: 1n,
        votingPeriod: 3_600n,
      },
    },
  });
  const payload = await viem.deployContract("HardForkPayload", [registry.address, escrow.address, rollupV2.address]);

  // signals in slots 0..2 of round 0; the figure is the second signal of the round (a typical one)
  const signalGas: number[] = [];
  for (const [slot, sequencer] of sequencers.slice(0, 3).entries()) {
    await rollup.write.setSlot([BigInt(slot)]);
    await rollup.write.setProposer([sequencer]);
    signalGas.push(await gasOf(await governanceProposer.write.signal([payload.address], { account: sequencer })));
  }
  await rollup.write.setSlot([5n]);
  const { result: id } = await governanceProposer.simulate.submitRoundWinner([0n]);
  await governanceProposer.write.submitRoundWinner([0n]);
  await networkHelpers.time.increaseTo((await governance.read.proposalSnapshot([id])) + 1n);
  const castVote = await gasOf(await governance.write.castVote([id, 1], { account: sequencers[0] }));
  return { signal: signalGas[1], castVote };
}
