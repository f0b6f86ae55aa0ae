import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { readRollupConfig } from "../../src/chain/readRollupConfig.js";
import {
  epochAt,
  epochOf,
  epochStart,
  proofDeadline,
  slotAt,
  slotClockOf,
  slotStart,
  snapshotTime,
} from "../../src/chain/time.js";
import { InvalidParameterError } from "../../src/errors/BaseError.js";
import { RollupSystemBuilder } from "../../src/system/RollupSystemBuilder.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

const clock = slotClockOf({ genesisTime: 1_000n, slotDuration: 36, epochDuration: 32 });

describe("chain/time", () => {
  it("maps times to slots and epochs as TimeLib does", () => {
    expect(slotAt(clock, 1_000n)).to.equal(0n);
    expect(slotAt(clock, 1_035n)).to.equal(0n);
    expect(slotAt(clock, 1_036n)).to.equal(1n);
    expect(epochOf(clock, 31n)).to.equal(0n);
    expect(epochOf(clock, 32n)).to.equal(1n);
    expect(epochAt(clock, 1_000n + 36n * 32n)).to.equal(1n);
    expect(slotStart(clock, 2n)).to.equal(1_072n);
    expect(epochStart(clock, 2n)).to.equal(1_000n + 2n * 36n * 32n);
  });

  it("samples epoch E from the last second of epoch E-2 and closes proofs after the window", () => {
    expect(snapshotTime(clock, 0n)).to.equal(999n);
    expect(snapshotTime(clock, 1n)).to.equal(999n);
    expect(snapshotTime(clock, 3n)).to.equal(epochStart(clock, 2n) - 1n);
    expect(proofDeadline(clock, 1n, 4n)).to.equal(epochStart(clock, 6n));
  });

  it("refuses a time before genesis and a zero duration, saying what was expected", () => {
    expect(() => slotAt(clock, 999n)).to.throw(InvalidParameterError, "Expected: a timestamp >= 1000. Given: 999.");
    expect(() => slotClockOf({ genesisTime: 0n, slotDuration: 0, epochDuration: 32 })).to.throw(
      InvalidParameterError,
      "Given: 0 and 32.",
    );
  });

  it("agrees with the deployed Rollup's views, read through its configuration", async () => {
    const system = await new RollupSystemBuilder(connection).build();
    const config = await readRollupConfig(await viem.getPublicClient(), system.rollup.address);
    expect(Object.isFrozen(config)).to.equal(true);
    expect(config.proofs.proofSubmissionEpochs).to.equal(1n);
    expect(config.inbox).to.equal("0x0000000000000000000000000000000000000000");
    await networkHelpers.time.increaseTo(epochStart(config.clock, 3n) + 40n);
    const now = BigInt(await networkHelpers.time.latest());
    expect(await system.rollup.read.getCurrentSlot()).to.equal(slotAt(config.clock, now));
    expect(await system.rollup.read.getCurrentEpoch()).to.equal(epochAt(config.clock, now));
    for (const epoch of [0n, 1n, 5n]) {
      expect(await system.rollup.read.getSnapshotTime([epoch])).to.equal(snapshotTime(config.clock, epoch));
      expect(await system.rollup.read.proofDeadline([epoch])).to.equal(
        proofDeadline(config.clock, config.proofs.proofSubmissionEpochs, epoch),
      );
    }
  });
});
