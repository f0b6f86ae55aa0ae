import { InvalidParameterError } from "../errors/BaseError.js";

/**
 * The Rollup's slot clock (`TimeConfig`): genesis and durations, in L1 seconds. The one slot arithmetic of
 * `src/`, mirroring `TimeLib` (`slot = (t - genesisTime) / slotDuration`, `epoch = slot / epochDuration`),
 * `ValidatorSelectionLib.snapshotTime` and `PruneLib.deadline`. Everything is a bigint, as the chain returns it.
 */
export type SlotClock = {
  readonly genesisTime: bigint;
  /** Seconds per slot. */
  readonly slotDuration: bigint;
  /** Slots per epoch. */
  readonly epochDuration: bigint;
};

/** The clock of a Rollup configuration (`getConfig()` returns the durations as numbers). */
export function slotClockOf(config: {
  genesisTime: bigint;
  slotDuration: number | bigint;
  epochDuration: number | bigint;
}): SlotClock {
  const clock = {
    genesisTime: config.genesisTime,
    slotDuration: BigInt(config.slotDuration),
    epochDuration: BigInt(config.epochDuration),
  };
  if (clock.slotDuration === 0n || clock.epochDuration === 0n) {
    throw new InvalidParameterError("A slot clock needs non-zero durations.", {
      expected: "slotDuration > 0 and epochDuration > 0",
      given: `${clock.slotDuration} and ${clock.epochDuration}`,
    });
  }
  return Object.freeze(clock);
}

/** The slot that contains `timestamp` (`TimeLib.slotAt`; refuses a time before genesis, as it does). */
export function slotAt(clock: SlotClock, timestamp: bigint): bigint {
  if (timestamp < clock.genesisTime) {
    throw new InvalidParameterError("No slot before genesis.", {
      expected: `a timestamp >= ${clock.genesisTime}`,
      given: String(timestamp),
    });
  }
  return (timestamp - clock.genesisTime) / clock.slotDuration;
}

/** The epoch a slot belongs to (`TimeLib.epochOf`). */
export function epochOf(clock: SlotClock, slot: bigint): bigint {
  return slot / clock.epochDuration;
}

/** The epoch that contains `timestamp` (`TimeLib.epochAt`). */
export function epochAt(clock: SlotClock, timestamp: bigint): bigint {
  return epochOf(clock, slotAt(clock, timestamp));
}

/** The first second of `slot` (`TimeLib.slotStart`). */
export function slotStart(clock: SlotClock, slot: bigint): bigint {
  return clock.genesisTime + slot * clock.slotDuration;
}

/** The first second of `epoch` (`TimeLib.epochStart`). */
export function epochStart(clock: SlotClock, epoch: bigint): bigint {
  return slotStart(clock, epoch * clock.epochDuration);
}

/**
 * The validator-set timestamp `epoch` samples its committee from (`ValidatorSelectionLib.snapshotTime`): the last
 * second of epoch `epoch - 2`, genesis - 1 for epochs 0 and 1. A change in epoch N is visible from epoch N+2 on.
 */
export function snapshotTime(clock: SlotClock, epoch: bigint): bigint {
  return epochStart(clock, epoch === 0n ? 0n : epoch - 1n) - 1n;
}

/**
 * The first second at which `epoch` can no longer be proven, and the chain can be pruned (`PruneLib.deadline`):
 * the start of epoch `epoch + 1 + windowEpochs`.
 */
export function proofDeadline(clock: SlotClock, windowEpochs: bigint, epoch: bigint): bigint {
  return epochStart(clock, epoch + 1n + windowEpochs);
}
