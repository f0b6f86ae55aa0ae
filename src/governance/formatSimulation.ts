import type { SimulationResult } from "./simulatePayload.js";
import { readingValue } from "./systemState.js";

/**
 * Human-readable report of a payload simulation: per action its call, gas, state changes and events; the
 * canonical rollup, follower set and signalling rights before and after; then `RESULT: ok, total gas N` or
 * `RESULT: failed: action N (Target.call(args)) reverts Error(args)` (or the post-action check that reverted).
 */
export function formatSimulation(result: SimulationResult): string {
  const lines = [
    `Payload ${result.payload}: ${result.actions.length} action(s) run as the timelock ${result.timelock} on a snapshot of block ${result.blockNumber}`,
  ];
  for (const action of result.actions) {
    const head = `action ${action.index + 1}: ${action.targetName} ${action.target}.${action.call}`;
    lines.push(action.revert === undefined ? `${head}  gas ${action.gasUsed}` : `${head}  REVERTS: ${action.revert}`);
    for (const change of action.changes) lines.push(`  ${change.label}: ${change.before} -> ${change.after}`);
    if (action.revert === undefined && action.changes.length === 0) lines.push("  (no change in the watched views)");
    for (const event of action.events) lines.push(`  event ${event}`);
  }
  lines.push(result.after === undefined ? "state before (the actions did not all run):" : "state before -> after:");
  for (const reading of result.before) {
    const after = result.after?.find((r) => r.label === reading.label);
    lines.push(
      `  ${reading.label}: ${readingValue(reading)}${result.after === undefined ? "" : ` -> ${readingValue(after)}`}`,
    );
  }
  lines.push(
    result.failure !== undefined ? `RESULT: failed: ${result.failure}` : `RESULT: ok, total gas ${result.totalGas}`,
    "state reverted to the snapshot",
  );
  return lines.join("\n");
}
