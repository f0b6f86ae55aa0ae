import { type Address, type PrivateKeyAccount } from "viem";
import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import { deployTestRollup } from "../../../src/system/deployTestNetwork.js";
import { RollupSystem, type RollupSystemContracts } from "../../../src/system/RollupSystem.js";
import type { Connection, GovernedSystem } from "./governedSystem.js";

/**
 * Deploys a real Rollup on `escrow` (genesis: now, the default configuration), owned and slashed by the first
 * account, proven through a test verifier (no rewards, no Inbox).
 */
export async function deployRollup(connection: Connection, escrow: Address): Promise<ContractReturnType<"Rollup">> {
  const [deployer] = await connection.viem.getWalletClients();
  return (await deployTestRollup(connection, { escrow, owner: deployer.account.address })).rollup;
}

/**
 * The rollup test builder's system (time, committees, blob proposals) bound to a Rollup on the real StakingEscrow;
 * the validators are the governed system's, known by address.
 */
export class EscrowRollupSystem extends RollupSystem {
  constructor(
    connection: Connection,
    contracts: RollupSystemContracts,
    private readonly byAddress: Map<string, PrivateKeyAccount>,
  ) {
    super(connection, contracts);
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
