import type { SimulationResult } from "./simulatePayload.js";

/** Human-readable report of a payload simulation: per action its call, gas, state changes and events. */
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
  lines.push(
    result.reverted
      ? "RESULT: the payload would revert on execution (the timelock batch is atomic)"
      : `RESULT: ok, total gas ${result.totalGas}`,
    "state reverted to the snapshot",
  );
  return lines.join("\n");
}
