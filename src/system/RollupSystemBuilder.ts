import type { NetworkConnection } from "hardhat/types/network";
import type { Address, Hex } from "viem";
import { RollupSystem } from "./RollupSystem.js";
import { deployTestRollup, deployTestStaking } from "./deployTestNetwork.js";
import { type ProofConstructorConfig, ROLLUP_DEFAULTS } from "./rollupDefaults.js";

export type RollupSystemOptions = {
  validators: number;
  committeeSize: number;
  bootstrap: boolean;
  slotDuration: number;
  epochDuration: number;
  genesisArchive: Hex;
  /** Epoch proofs: reward pool and amounts (zero: no rewards), window; the builder deploys a TestVerifier. */
  proofs: Omit<ProofConstructorConfig, "verifier">;
  /** The Inbox blocks consume (zero: none, `inHash` must be zero). */
  inbox: Address;
};

/** The builder's defaults (`ROLLUP_DEFAULTS`): 36 s slots, 32-slot epochs, committee 16, no validators. */
export function defaultRollupOptions(): RollupSystemOptions {
  return {
    validators: 0,
    committeeSize: Number(ROLLUP_DEFAULTS.targetCommitteeSize),
    bootstrap: ROLLUP_DEFAULTS.bootstrap,
    slotDuration: ROLLUP_DEFAULTS.slotDuration,
    epochDuration: ROLLUP_DEFAULTS.epochDuration,
    genesisArchive: ROLLUP_DEFAULTS.genesisArchive,
    proofs: { ...ROLLUP_DEFAULTS.proofs },
    inbox: ROLLUP_DEFAULTS.inbox,
  };
}

/**
 * Fluent builder for Rollup networks: `await new RollupSystemBuilder(connection).withValidators(48)
 * .withCommitteeSize(16).build()` deploys a staking token, Registry, StakingEscrow, test verifier and Rollup,
 * registers the Rollup, stakes the validators (bulk) and returns the `RollupSystem`.
 */
export class RollupSystemBuilder {
  private readonly options: RollupSystemOptions = defaultRollupOptions();

  constructor(private readonly connection: NetworkConnection<string>) {}

  withValidators(count: number): this {
    this.options.validators = count;
    return this;
  }
  withCommitteeSize(size: number): this {
    this.options.committeeSize = size;
    return this;
  }
  withBootstrap(bootstrap = true): this {
    this.options.bootstrap = bootstrap;
    return this;
  }
  /** Rewards and proof window of epoch proofs (see docs/PROOFS.md). */
  withProofs(proofs: Partial<RollupSystemOptions["proofs"]>): this {
    Object.assign(this.options.proofs, proofs);
    return this;
  }
  /** An Inbox the Rollup consumes one tree per block from (bind it to the Rollup after `build`). */
  withInbox(inbox: Address): this {
    this.options.inbox = inbox;
    return this;
  }
  withEpochDuration(slots: number): this {
    this.options.epochDuration = slots;
    return this;
  }

  async build(): Promise<RollupSystem> {
    const { options } = this;
    const [deployer] = await this.connection.viem.getWalletClients();
    const owner = deployer.account.address;
    const { token, registry, escrow } = await deployTestStaking(this.connection, owner);
    const { rollup, verifier } = await deployTestRollup(this.connection, {
      escrow: escrow.address,
      owner,
      slotDuration: options.slotDuration,
      epochDuration: options.epochDuration,
      targetCommitteeSize: BigInt(options.committeeSize),
      bootstrap: options.bootstrap,
      genesisArchive: options.genesisArchive,
      proofs: options.proofs,
      inbox: options.inbox,
    });
    await registry.write.addRollup([rollup.address]);
    await escrow.write.addRollup([rollup.address]);
    const system = new RollupSystem(this.connection, { rollup, escrow, token, registry, verifier });
    await system.addValidators(0, options.validators);
    return system;
  }
}
