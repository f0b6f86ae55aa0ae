import { randomBytes as nodeRandomBytes } from "node:crypto";
import { bytesToHex, type Hex, hexToBytes, keccak256, toHex } from "viem";
import { InvalidParameterError } from "../errors/BaseError.js";

export type RandomTxPayloadsParameters = {
  txCount: number;
  /** Bytes per transaction payload. */
  txSize: number;
  /** A source of random bytes (default: `node:crypto` randomBytes); pass a seeded one for reproducible runs. */
  randomBytes?: (length: number) => Uint8Array;
};

/** `txCount` random transaction payloads of `txSize` bytes each (the testnet's stand-in for L2 transactions). */
export function randomTxPayloads({ txCount, txSize, randomBytes }: RandomTxPayloadsParameters): Hex[] {
  for (const [name, value] of [
    ["txCount", txCount],
    ["txSize", txSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new InvalidParameterError(`randomTxPayloads: ${name} is not a non-negative integer.`, {
        expected: "a non-negative integer",
        given: String(value),
      });
    }
  }
  const draw = randomBytes ?? ((length: number) => new Uint8Array(nodeRandomBytes(length)));
  return Array.from({ length: txCount }, () => bytesToHex(draw(txSize)));
}

/**
 * A reproducible byte source for `randomTxPayloads`: keccak256(seed ‖ counter) blocks, so a simulated run with the
 * same seed builds the same payloads (and the same blobs, headers and gas).
 */
export function seededRandomBytes(seed: string): (length: number) => Uint8Array {
  let counter = 0;
  return (length) => {
    const out = new Uint8Array(length);
    for (let offset = 0; offset < length; offset += 32) {
      const block = hexToBytes(keccak256(toHex(`${seed}/${counter++}`)));
      out.set(block.subarray(0, Math.min(32, length - offset)), offset);
    }
    return out;
  };
}
