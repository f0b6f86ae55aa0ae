import { CommandError } from "../cli/CommandError.js";

/**
 * An error of the node, one line in the project's "what happened. Expected: …. Given: …." form (it is a
 * `CommandError`, so a command that runs the node prints it as one line). `code` lets callers branch on it.
 */
export class NodeError extends CommandError {
  constructor(
    readonly code: NodeErrorCode,
    shortMessage: string,
    expected?: string,
    given?: string,
  ) {
    super(shortMessage, expected, given);
    this.name = "NodeError";
  }
}

export type NodeErrorCode =
  /** The store was written by another schema version and cannot be migrated: delete it and resync. */
  | "ResyncRequired"
  /** The store belongs to another chain or deployment. */
  | "StoreMismatch"
  /** An L1 block's data could not be written (nothing of that block was). */
  | "StoreWrite"
  /** L1 reorganised deeper than the follower's horizon: it stops instead of diverging. */
  | "ReorgBeyondHorizon"
  /** L1 reorganised below the block the follower holds finalized. */
  | "ReorgBelowFinalized"
  /** The RPC kept refusing or timing out after every retry. */
  | "RpcUnavailable"
  /** A configuration value out of range. */
  | "BadConfig";
