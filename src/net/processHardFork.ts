import {
  type Account,
  type Address,
  type Chain,
  createWalletClient,
  custom,
  toHex,
  type Transport,
  type WalletClient,
} from "viem";
import { readRollupConfig, type ReadRollupConfigReturnType } from "../chain/readRollupConfig.js";
import { pinnedValidator } from "../sim/deployPhase.js";
import { SimulatedHardFork } from "../sim/SimulatedHardFork.js";
import { validatorAccount } from "../system/validatorKeys.js";
import type { LocalTestnet } from "./LocalTestnet.js";
import type { P2PRecorder } from "./P2PRecorder.js";

/** The Rollup a process run reads its tips and committees from: v1 until the hard fork's switch, v2 after. */
export type FollowedRollup = { version: number; rollup: Address; config: ReadRollupConfigReturnType };

type Wallet = WalletClient<Transport, Chain, Account>;

/**
 * `npm run testnet -- --processes N --hard-fork-at S`: the simulator's governance upgrade (`SimulatedHardFork`:
 * v2 and its payload deployed as `deploy:rollup` and `gov:payload` do, signals by v1's proposers, votes by the
 * validators with their stake, queue, execute, the pinned validators' migration) sent over the testnet's L1 node
 * from the validators' own keys, which the testnet generated; then, when v2's first committee is sampled, the
 * switch (`LocalTestnet.switchRollup`: every validator process restarts on v2, a second prover starts).
 */
export class ProcessHardFork {
  private constructor(
    readonly fork: SimulatedHardFork,
    private readonly net: LocalTestnet,
    private readonly recorder: P2PRecorder,
  ) {}

  /** Funds every validator's key for its signal and vote transactions and prepares the upgrade. */
  static async create(
    net: LocalTestnet,
    p: { validators: number; config: ReadRollupConfigReturnType; deploymentId: string; recorder: P2PRecorder },
  ): Promise<ProcessHardFork> {
    const { connection, client, deployed } = net;
    const [deployer] = (await connection.viem.getWalletClients()) as unknown as Wallet[];
    const wallets = new Map<number, Wallet>();
    const walletFor = (i: number) => {
      if (!wallets.has(i)) {
        const transport = custom(connection.provider);
        wallets.set(i, createWalletClient({ account: validatorAccount(i), chain: client.chain!, transport }));
      }
      return wallets.get(i)!;
    };
    for (let i = 0; i < p.validators; i++)
      await net.l1Provider.request({
        method: "hardhat_setBalance",
        params: [validatorAccount(i).address, toHex(10n ** 21n)],
      });
    const fork = new SimulatedHardFork({
      connection,
      deploymentId: `${p.deploymentId}-rollup-v2`,
      client,
      deployer,
      deployed,
      config: p.config,
      validators: p.validators,
      pinned: pinnedValidator,
      offline: () => false, // a process run has no offline validators: every key's process runs
      walletFor,
    });
    return new ProcessHardFork(fork, net, p.recorder);
  }

  /**
   * Before `slot`'s first L1 block: when the nodes move to v2 in `slot`, moves the processes now and returns v2.
   * Restarting them takes seconds of wall time, in which the L1 node's clock runs on for the blocks it automines:
   * done after the slot's first block, it would leave the slot's proposer too little of its slot.
   */
  async switchBefore(slot: bigint): Promise<FollowedRollup | null> {
    if (!this.fork.switchDue(slot) || !(await this.fork.tick(slot, 0n))) return null;
    const v2 = this.fork.v2!;
    await this.net.switchRollup(v2, this.recorder);
    return { version: 2, rollup: v2.rollup, config: await readRollupConfig(this.net.client, v2.rollup) };
  }

  /** The upgrade's step at L1 slot `sub` (0, 1, 2) of `slot`: deploy, signal, vote, queue, execute. */
  async step(slot: bigint, sub: bigint): Promise<void> {
    if (!this.fork.switchDue(slot)) await this.fork.tick(slot, sub);
  }
}
