import { type Address, type PublicClient, zeroAddress } from "viem";
import { stakingEscrowAbi } from "../chain/abi.js";

/** Names of the escrow's `Status` enum, by value. */
export const STATUS_NAMES = ["NONE", "VALIDATING", "ZOMBIE", "EXITING"] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

export type ValidatorStatusParameters = {
  publicClient: PublicClient;
  escrow: Address;
  attesters: readonly Address[];
  /** Timestamp to read the set size at (default: the latest block's; a later one is refused on chain). */
  timestamp?: bigint;
  /** Called after each chunk of 256 attesters is read (a long list takes seconds). */
  onProgress?: (progress: { read: number; total: number }) => void;
};

export type ValidatorStatusReturnType = {
  followersRollup: Address;
  /** Size of the followers' rollup set at `timestamp` (zero address: no rollup yet, size 0). */
  setSize: bigint;
  timestamp: bigint;
  counts: Record<StatusName, number>;
  validators: {
    attester: Address;
    status: StatusName;
    stake: bigint;
    withdrawer: Address;
    effectiveRollup: Address;
    followCanonical: boolean;
  }[];
};

/** Reads the state of each attester and the canonical set's size (for `validators:status`). */
export async function validatorStatus(params: ValidatorStatusParameters): Promise<ValidatorStatusReturnType> {
  const { publicClient, escrow, attesters } = params;
  const timestamp = params.timestamp ?? (await publicClient.getBlock()).timestamp;
  const read = { address: escrow, abi: stakingEscrowAbi } as const;
  const followersRollup = await publicClient.readContract({ ...read, functionName: "getFollowersRollup" });
  const setSize =
    followersRollup === zeroAddress
      ? 0n
      : await publicClient.readContract({ ...read, functionName: "getSetSize", args: [followersRollup, timestamp] });
  const counts: Record<StatusName, number> = { NONE: 0, VALIDATING: 0, ZOMBIE: 0, EXITING: 0 };
  const validators: ValidatorStatusReturnType["validators"] = [];
  const chunk = 256;
  for (let i = 0; i < attesters.length; i += chunk) {
    const part = attesters.slice(i, i + chunk);
    const rows = await Promise.all(
      part.map(async (attester) => {
        const [info, effectiveRollup] = await Promise.all([
          publicClient.readContract({ ...read, functionName: "getValidator", args: [attester] }),
          publicClient.readContract({ ...read, functionName: "getEffectiveRollup", args: [attester] }),
        ]);
        const status = STATUS_NAMES[info.status];
        counts[status] += 1;
        return {
          attester,
          status,
          stake: info.stake,
          withdrawer: info.withdrawer,
          effectiveRollup,
          followCanonical: info.followCanonical,
        };
      }),
    );
    validators.push(...rows);
    params.onProgress?.({ read: validators.length, total: attesters.length });
  }
  return { followersRollup, setSize, timestamp, counts, validators };
}
