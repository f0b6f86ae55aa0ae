import type { GateCheck, SimulationReport } from "./types.js";

/** The stress phase's baseline: the same run at phase 4's validator count. */
export const STRESS_BASELINE_VALIDATORS = 300;
/** How much worse the large set may be: missed slots (as a share of slots) and mean gas per block. */
export const STRESS_TOLERANCE = 0.05;

/**
 * The stress gate: block production with the large set is not worse than with 300 validators — missed slots
 * within 5 % of the slots and mean L1 gas per block within 5 % of the baseline's.
 */
export function scalingCheck(large: SimulationReport, baseline: SimulationReport): GateCheck {
  const missedShare = (r: SimulationReport) => (r.slots === 0 ? 0 : r.missedSlots / r.slots);
  const missedDelta = missedShare(large) - missedShare(baseline);
  const gasRatio = baseline.l1GasPerBlock.mean === 0 ? 1 : large.l1GasPerBlock.mean / baseline.l1GasPerBlock.mean;
  const pass = missedDelta <= STRESS_TOLERANCE && gasRatio <= 1 + STRESS_TOLERANCE;
  const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
  return {
    name: "scalesWithValidators",
    pass,
    figure: `missed ${pct(missedDelta)}, gas ×${Math.round(gasRatio * 1000) / 1000}`,
    threshold: `missed ≤ +${pct(STRESS_TOLERANCE)}, gas ≤ ×${1 + STRESS_TOLERANCE}`,
    detail:
      `${large.validators} validators: ${large.missedSlots}/${large.slots} slots missed, ${large.l1GasPerBlock.mean} gas per block; ` +
      `${baseline.validators} validators: ${baseline.missedSlots}/${baseline.slots} missed, ${baseline.l1GasPerBlock.mean} gas per block`,
  };
}
