/**
 * Gas of the Rollup's hot paths (SPEC section 13): `propose` with a full committee's floor(2n/3)+1 signatures
 * and one blob, for a block in the middle of an epoch (the committee is set up and the epoch has a block: the
 * epoch's first block also pays ~17,000 gas to start the epoch's blob accumulator, and block 1 of the chain
 * ~17,000 more to make the pending tip non-zero), and
 * `setupEpoch` for a committee of 128 from 300 and from 10,000 validators, the previous epoch set up.
 */
import type { GasFigures } from "./gasReport.js";
import type { NetworkConnection } from "hardhat/types/network";
import { TransactionRevertedError } from "../src/errors/BaseError.js";
import { RollupSystemBuilder } from "../src/system/RollupSystemBuilder.js";

async function proposeGas(
  connection: NetworkConnection<string>,
  validators: number,
  committeeSize: number,
): Promise<number> {
  const system = await new RollupSystemBuilder(connection)
    .withValidators(validators)
    .withCommitteeSize(committeeSize)
    .build();
  await system.warpToEpoch(2n);
  await system.rollup.write.setupEpoch();
  await system.proposeAt(2n * 32n + 1n, { txCount: 1, txSize: 1024 });
  const { receipt } = await system.proposeAt(2n * 32n + 2n, { txCount: 1, txSize: 1024 });
  if (receipt.status !== "success") {
    throw new TransactionRevertedError(`propose for committee ${committeeSize}`, receipt.transactionHash);
  }
  return Number(receipt.gasUsed);
}

async function setupEpochGas(connection: NetworkConnection<string>, validators: number): Promise<number> {
  const system = await new RollupSystemBuilder(connection).withValidators(validators).withCommitteeSize(128).build();
  // The steady state: the previous epoch was set up (as the network does each epoch), so this setup fixes one
  // seed (the next epoch's). An epoch nobody set up before fixes its own seed too: one more checkpoint push.
  await system.warpToEpoch(1n);
  await system.rollup.write.setupEpoch();
  await system.warpToEpoch(2n);
  const client = await connection.viem.getPublicClient();
  const hash = await system.rollup.write.setupEpoch();
  const receipt = await client.waitForTransactionReceipt({ hash });
  return Number(receipt.gasUsed);
}

export default async function rollupGas(connection: NetworkConnection<string>): Promise<GasFigures> {
  const snapshot = await connection.networkHelpers.takeSnapshot();
  const figures: GasFigures = { propose: {}, setupEpoch: {} };
  const propose = figures.propose as GasFigures;
  const setup = figures.setupEpoch as GasFigures;
  for (const [validators, size] of [
    [48, 16],
    [48, 48],
    [300, 128],
  ] as const) {
    propose[`committee${size}`] = await proposeGas(connection, validators, size);
    await snapshot.restore();
  }
  for (const validators of [300, 10_000]) {
    setup[`committee128_validators${validators}`] = await setupEpochGas(connection, validators);
    await snapshot.restore();
  }
  return figures;
}
