import { expect } from "chai";
import type { Hex } from "viem";
import type { RollupSystem } from "../../src/system/RollupSystem.js";
import type { RollupErrorName } from "./rollupSystem.js";

/** hardhat-viem-assertions with the error name and arguments untyped, for tables of refusals. */
export type LooseAssertions = {
  revertWithCustomErrorWithArgs(
    call: Promise<unknown>,
    contract: unknown,
    error: string,
    args: unknown[],
  ): Promise<void>;
  revert(call: Promise<unknown>): Promise<void>;
};

/** Everything a refused proposal must leave untouched: tips, the pending archive, the epoch's blob accumulator. */
export async function rollupChainState(system: RollupSystem) {
  const epoch = await system.rollup.read.getCurrentEpoch();
  return {
    pendingTip: await system.rollup.read.getPendingTip(),
    tips: await system.rollup.read.getTips(),
    accumulator: await system.rollup.read.getEpochAccumulator([epoch]),
  };
}

/** Sends `send()`, expects the Rollup's `error(args)` (args may hold predicates), and the chain unchanged. */
export async function expectRefused(
  system: RollupSystem,
  send: () => Promise<Hex>,
  error: RollupErrorName,
  args: unknown[],
): Promise<void> {
  const before = await rollupChainState(system);
  const assertions = system.connection.viem.assertions as unknown as LooseAssertions;
  await assertions.revertWithCustomErrorWithArgs(send(), system.rollup, error, args);
  expect(await rollupChainState(system)).to.deep.equal(before);
}
