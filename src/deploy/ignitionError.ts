import { CommandError } from "../cli/CommandError.js";

/**
 * Ignition's refusal as one line. A changed module on a recorded deployment (HHE10120 with "reconciliation
 * errors") names every future and reason — they are joined with "; " rather than cut at the first line — and
 * the way out: the recorded parameters, another `--deployment-id`, or `--reset`. Other errors pass through.
 */
export function describeIgnitionError(error: unknown, deploymentId: string): unknown {
  const message = (error as { message?: string }).message ?? "";
  if (!/reconciliation/i.test(message)) return error;
  const reasons = message
    .split("\n")
    .map((line) => line.trim().replace(/^\*\s*/, ""))
    .filter((line) => line !== "" && !/reconciliation errors:?$/i.test(line));
  return new CommandError(
    `Ignition refuses to continue deployment ${deploymentId}: the module or its parameters changed since it was recorded (${reasons.join("; ")}).`,
    `the recorded parameters, another --deployment-id, or --reset to deploy ${deploymentId} anew`,
    "changed futures",
  );
}
