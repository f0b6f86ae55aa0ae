import type { NetworkConnection } from "hardhat/types/network";
import type { Hex } from "viem";

/** One opcode step of a `debug_traceTransaction` struct log (the fields this module reads). */
type StructLog = { op: string; gas: number; gasCost: number; depth: number; stack?: string[] };

/** Where a transaction's gas went: storage writes and reads by slot, calls, logs and the rest. */
export type GasTrace = {
  gasUsed: number;
  /** gas of every SSTORE, by slot (cold read included), in execution order */
  sstores: { slot: string; gas: number; depth: number }[];
  /** gas of every cold SLOAD (2,100), by slot */
  coldSloads: { slot: string; depth: number }[];
  /** summed gas per opcode family: SSTORE, SLOAD, CALL*, LOG*, KECCAK256, other */
  byOp: Record<string, number>;
};

/**
 * Traces `hash` with `debug_traceTransaction` and sums where its gas went. Used by `GAS_TRACE=1 npm run
 * bench:gas` (bench/staking.gas.ts) to print the storage writes of a deposit before and after a change.
 */
export async function traceGas(connection: NetworkConnection<string>, hash: Hex, gasUsed: number): Promise<GasTrace> {
  const trace = (await connection.provider.request({
    method: "debug_traceTransaction",
    params: [hash, { disableMemory: true, disableStorage: true }],
  })) as { structLogs: StructLog[] };
  const sstores: GasTrace["sstores"] = [];
  const coldSloads: GasTrace["coldSloads"] = [];
  const byOp: Record<string, number> = {};
  for (const log of trace.structLogs) {
    const family = log.op.startsWith("LOG")
      ? "LOG"
      : ["CALL", "STATICCALL", "DELEGATECALL"].includes(log.op)
        ? "CALL (access + stipend, not the callee)"
        : ["SSTORE", "SLOAD", "KECCAK256"].includes(log.op)
          ? log.op
          : "other";
    byOp[family] = (byOp[family] ?? 0) + log.gasCost;
    const slot = log.stack?.[log.stack.length - 1] ?? "?";
    if (log.op === "SSTORE") sstores.push({ slot, gas: log.gasCost, depth: log.depth });
    if (log.op === "SLOAD" && log.gasCost >= 2100) coldSloads.push({ slot, depth: log.depth });
  }
  return { gasUsed, sstores, coldSloads, byOp };
}

/** Prints a trace as a table (stderr, so the bench's own output stays parseable). */
export function printGasTrace(label: string, trace: GasTrace): void {
  console.error(`gas trace of ${label}: ${trace.gasUsed} gas used`);
  let total = 0;
  for (const s of trace.sstores) {
    total += s.gas;
    console.error(`  SSTORE depth ${s.depth} slot ${s.slot}: ${s.gas}`);
  }
  console.error(`  SSTORE total ${total} (${trace.sstores.length} writes)`);
  console.error(`  cold SLOADs: ${trace.coldSloads.length} (${trace.coldSloads.length * 2100})`);
  for (const [op, gas] of Object.entries(trace.byOp)) console.error(`  ${op}: ${gas}`);
}
