import { type Address, type PrivateKeyAccount } from "viem";
import {
  defaultRollupOptions,
  RollupSystem,
  type RollupContracts,
  type RollupSystemOptions,
} from "../../helpers/rollupSystem.js";
import type { Connection, GovernedSystem } from "./governedSystem.js";

export const ROLLUP_OPTIONS: RollupSystemOptions = defaultRollupOptions();

/**
 * Deploys a real Rollup on `escrow` (genesis: now), owned and slashed by the first account, proven through a
 * test verifier (no rewards, no Inbox).
 */
export async function deployRollup(connection: Connection, escrow: Address) {
  const [deployer] = await connection.viem.getWalletClients();
  const verifier = await connection.viem.deployContract("TestVerifier", [deployer.account.address]);
  return connection.viem.deployContract("Rollup", [
    {
      escrow,
      genesisTime: 0n,
      slotDuration: ROLLUP_OPTIONS.slotDuration,
      epochDuration: ROLLUP_OPTIONS.epochDuration,
      targetCommitteeSize: BigInt(ROLLUP_OPTIONS.committeeSize),
      bootstrap: false,
      genesisArchive: ROLLUP_OPTIONS.genesisArchive,
      slasher: deployer.account.address,
      owner: deployer.account.address,
      proofs: { ...ROLLUP_OPTIONS.proofs, verifier: verifier.address },
      inbox: ROLLUP_OPTIONS.inbox,
    },
  ]);
}

/**
 * The rollup test builder's system (time, committees, blob proposals) bound to a Rollup on the real StakingEscrow;
 * the validators are the governed system's, known by address.
 */
export class EscrowRollupSystem extends RollupSystem {
  constructor(
    connection: Connection,
    contracts: RollupContracts,
    private readonly byAddress: Map<string, PrivateKeyAccount>,
  ) {
    super(connection, contracts.rollup, contracts.escrow, ROLLUP_OPTIONS, contracts);
  }

  override accountOf(address: Address): PrivateKeyAccount {
    const account = this.byAddress.get(address.toLowerCase());
    if (account === undefined) throw new Error(`not a validator of this system: ${address}`);
    return account;
  }

  /** Sets the next block's time to the start of `slot` and returns the slot's proposer. */
  async proposerOfSlot(slot: bigint): Promise<PrivateKeyAccount> {
    const start = await this.atSlot(slot);
    return this.accountOf(await this.rollup.read.getProposerAt([start]));
  }
}

/**
 * From the next round boundary of `r` (the canonical rollup), the proposers of `QUORUM_SIZE` consecutive slots sign
 * `payload` and a relayer submits each signature in its slot; returns the round.
 */
export async function signalRoundToQuorum(f: GovernedSystem, r: EscrowRollupSystem, payload: Address): Promise<bigint> {
  const roundSize = await f.governanceProposer.read.ROUND_SIZE();
  const quorum = await f.governanceProposer.read.QUORUM_SIZE();
  const round = (await r.rollup.read.getCurrentSlot()) / roundSize + 1n;
  for (let slot = round * roundSize; slot < round * roundSize + quorum; slot++) {
    await f.relaySignal(await r.proposerOfSlot(slot), payload, slot);
  }
  return round;
}

/** Mines a block at the start of the round after `round`, then submits `round`'s winner; returns the proposal id. */
export async function submitAfterRound(f: GovernedSystem, r: EscrowRollupSystem, round: bigint): Promise<bigint> {
  const roundSize = await f.governanceProposer.read.ROUND_SIZE();
  await f.connection.networkHelpers.time.increaseTo(await r.slotStart((round + 1n) * roundSize));
  const { result: id } = await f.governanceProposer.simulate.submitRoundWinner([round]);
  await f.governanceProposer.write.submitRoundWinner([round]);
  return id;
}
