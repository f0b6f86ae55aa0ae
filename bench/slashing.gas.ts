/**
 * Gas of slashing (issue 14 keys): `slashExecute` — `Slasher.slash(payload)` of a factory payload of 48 offenders,
 * as the SlashingProposer's `executeRound` hands it over (here the Slasher's proposer is the bench's account, so
 * the figure is the Slasher's and the escrow's work without the round bookkeeping of `executeRound`) —
 * `offenders48`: 10 tokens each, nobody falls below the ejection threshold; `offenders48_ejecting`: 50 tokens
 * each, all 48 are ejected (leave the sampled set). `slashEquivocation`: two signed headers of one committee
 * member for one slot, with the epoch set up (the packed committee in the evidence checked against the stored
 * hash), for committees of 16 and 48. All on the real Rollup and StakingEscrow (100 validators staked through
 * the production onboarding path, TEST_STAKING: stake 100, ejection threshold 60).
 * `GAS_TRACE=1 BENCH_FILTER=slashing npm run bench:gas` prints where the gas goes.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { type Address, type Hash, zeroHash } from "viem";
import { TransactionRevertedError } from "../src/errors/BaseError.js";
import { attestationTypedData, packCommittee } from "../src/sequencer/attestations.js";
import type { L2Header } from "../src/sequencer/header.js";
import { RollupSystemBuilder } from "../src/system/RollupSystemBuilder.js";
import { validatorAccount } from "../src/system/validatorKeys.js";
import type { GasFigures } from "./gasReport.js";
import { printGasTrace, traceGas } from "./gasTrace.js";

const TOKEN = 10n ** 18n;

async function slashingSystem(connection: NetworkConnection<string>, committeeSize: number) {
  const { viem } = connection;
  const [me] = await viem.getWalletClients();
  const system = await new RollupSystemBuilder(connection).withValidators(100).withCommitteeSize(committeeSize).build();
  const factory = await viem.deployContract("SlashPayloadFactory");
  const slasher = await viem.deployContract("Slasher", [
    {
      rollup: system.rollup.address,
      factory: factory.address,
      proposer: me.account.address,
      vetoer: me.account.address,
      sink: me.account.address,
      owner: me.account.address,
      maxPauseDuration: 86_400n,
      equivocationAmount: 10n * TOKEN,
    },
  ]);
  await system.rollup.write.setSlasher([slasher.address]);
  await system.warpToEpoch(2n);
  await system.rollup.write.setupEpoch();
  return { system, factory, slasher };
}

async function gasOf(connection: NetworkConnection<string>, label: string, hash: Hash): Promise<number> {
  const receipt = await (await connection.viem.getPublicClient()).waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new TransactionRevertedError(label, hash);
  const gas = Number(receipt.gasUsed);
  if (process.env.GAS_TRACE) printGasTrace(label, await traceGas(connection, hash, gas));
  return gas;
}

/** A payload of `attesters` (sorted), `amount` each, created through the factory. */
async function createPayload(
  connection: NetworkConnection<string>,
  factory: Awaited<ReturnType<typeof slashingSystem>>["factory"],
  attesters: readonly Address[],
  amount: bigint,
): Promise<Address> {
  const entries = [...attesters]
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
    .map((attester) => ({ attester, amount, offence: 0 }));
  await gasOf(connection, "createPayload", await factory.write.createPayload([entries]));
  return factory.read.predictAddress([entries]);
}

async function slashExecuteGas(connection: NetworkConnection<string>): Promise<GasFigures> {
  const { factory, slasher } = await slashingSystem(connection, 16);
  const validators = Array.from({ length: 100 }, (_, i) => validatorAccount(i).address);
  const light = await createPayload(connection, factory, validators.slice(0, 48), 10n * TOKEN);
  const heavy = await createPayload(connection, factory, validators.slice(48, 96), 50n * TOKEN);
  const offenders48 = await gasOf(connection, "slashExecute offenders48", await slasher.write.slash([light]));
  const ejecting = await gasOf(connection, "slashExecute offenders48_ejecting", await slasher.write.slash([heavy]));
  return { slashExecute: { offenders48, offenders48_ejecting: ejecting } };
}

/** Two headers of one slot with different archives, both signed by a member of the slot's committee. */
async function slashEquivocationGas(connection: NetworkConnection<string>, committeeSize: number): Promise<number> {
  const { system, slasher } = await slashingSystem(connection, committeeSize);
  const slot = 2n * 32n + 1n;
  await connection.networkHelpers.time.increaseTo(await system.slotStart(slot));
  const { committee } = await system.committee(2n);
  const attester = system.accountOf(committee[0]);
  const header = (archive: Hash): L2Header => ({
    lastArchive: zeroHash,
    archive,
    blockNumber: 1n,
    slot,
    timestamp: 0n,
    coinbase: attester.address,
    txCount: 1n,
    inHash: zeroHash,
    outHash: zeroHash,
    blobsHash: zeroHash,
    totalFees: 0n,
  });
  const domain = { chainId: await system.chainId(), rollup: system.rollup.address };
  const first = header(`0x${"11".repeat(32)}`);
  const second = header(`0x${"22".repeat(32)}`);
  const hash = await slasher.write.slashEquivocation([
    {
      attester: attester.address,
      first,
      firstSignature: await attester.signTypedData(attestationTypedData(domain, first)),
      second,
      secondSignature: await attester.signTypedData(attestationTypedData(domain, second)),
      committee: packCommittee(committee),
    },
  ]);
  return gasOf(connection, `slashEquivocation committee${committeeSize}`, hash);
}

export default async function slashingGas(connection: NetworkConnection): Promise<GasFigures> {
  const figures = await slashExecuteGas(connection);
  return {
    ...figures,
    slashEquivocation: {
      committee16: await slashEquivocationGas(connection, 16),
      committee48: await slashEquivocationGas(connection, 48),
    },
  };
}
