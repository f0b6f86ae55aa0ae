import type { network } from "hardhat";
import { type Address, type Hex, type PrivateKeyAccount } from "viem";
import GovernanceModule from "../../../ignition/modules/Governance.js";
import { signSignal } from "../../../src/governance/signSignal.js";
import { signBallot } from "../../../src/governance/signBallot.js";
import { deployTestStaking } from "../../../src/system/deployTestNetwork.js";
import { TEST_STAKING } from "../../../src/system/rollupDefaults.js";
import { validatorAccount } from "../../../src/system/validatorKeys.js";
import { addValidators } from "../../../src/validators/addValidators.js";

export type Connection = Awaited<ReturnType<typeof network.create>>;

export const MIN_STAKE = TEST_STAKING.minimumStake;
export const GOVERNANCE_PARAMS = {
  timelockDelay: 86_400n,
  votingDelay: 3_600n,
  votingPeriod: 86_400n,
  quorumNumerator: 10n,
  gracePeriod: 7n * 86_400n,
  quorumSize: 3n,
  roundSize: 5n,
  lifetimeInRounds: 2n,
};

/** Validator `i` is pinned to the rollup it joined when `i % pinnedEvery === 0`, else it follows the canonical one. */
export const isPinned = (i: number, pinnedEvery: number) => i % pinnedEvery === 0;

/**
 * The real Registry, StakingEscrow and governance stack (Ignition module), with `validators` staked through the
 * escrow's bulk path (a mix of followers and pinned) on `rollup`, which the caller deploys. The timelock owns the
 * Registry and the escrow at the end, as in a deployment.
 */
export async function deployGovernedSystem(
  connection: Connection,
  opts: { validators: number; pinnedEvery: number; deployRollup: (escrow: Address) => Promise<Address> },
) {
  const { viem, ignition } = connection;
  const [deployer, guardian, relayer] = await viem.getWalletClients();
  const me = deployer.account.address;
  const { token, registry, escrow } = await deployTestStaking(connection, me);
  const rollupV1 = await opts.deployRollup(escrow.address);
  await registry.write.addRollup([rollupV1]);
  await escrow.write.addRollup([rollupV1]);

  const validators = Array.from({ length: opts.validators }, (_, i) => validatorAccount(i));
  await addValidators({
    publicClient: await viem.getPublicClient(),
    walletClient: deployer,
    escrow: escrow.address,
    asset: token.address,
    validators: validators.map((v, i) => ({
      attester: v.address,
      withdrawer: me,
      followCanonical: !isPinned(i, opts.pinnedEvery),
    })),
    mint: true,
    batchSize: 64,
  });

  const { governance, governanceProposer, timelock } = await ignition.deploy(GovernanceModule, {
    parameters: {
      Governance: {
        registry: registry.address,
        escrow: escrow.address,
        guardian: guardian.account.address,
        ...GOVERNANCE_PARAMS,
      },
    },
  });
  await registry.write.transferOwnership([timelock.address]);
  await escrow.write.transferOwnership([timelock.address]);
  const chainId = await (await viem.getPublicClient()).getChainId();

  return {
    connection,
    deployer,
    guardian,
    relayer,
    token,
    registry,
    escrow,
    rollupV1,
    governance,
    governanceProposer,
    timelock,
    validators,
    /** Relays `account`'s signature for `payload` in the current slot of the canonical rollup. */
    async relaySignal(account: PrivateKeyAccount, payload: Address, slot: bigint) {
      const rollup = await registry.read.getCanonicalRollup();
      const signature = await signSignal({
        account,
        chainId,
        governanceProposer: governanceProposer.address,
        payload,
        rollup,
        slot,
      });
      return governanceProposer.write.signalWithSig([payload, slot, signature], { account: relayer.account });
    },
    /** Relays `account`'s signed ballot. */
    async relayVote(account: PrivateKeyAccount, proposalId: bigint, support: number) {
      const nonce = await governance.read.nonces([account.address]);
      const signature = await signBallot({
        account,
        chainId,
        governance: governance.address,
        proposalId,
        support,
        nonce,
      });
      return governance.write.castVoteBySig([proposalId, support, account.address, signature], {
        account: relayer.account,
      });
    },
    /** Sum of every validator's recorded stake (test-side loop). */
    async sumOfStakes(): Promise<bigint> {
      const infos = await Promise.all(validators.map((v) => escrow.read.getValidator([v.address])));
      return infos.reduce((sum, info) => sum + info.stake, 0n);
    },
  };
}

export type GovernedSystem = Awaited<ReturnType<typeof deployGovernedSystem>>;
export type { Hex };
