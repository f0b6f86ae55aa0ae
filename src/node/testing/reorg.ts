import type { Hex } from "viem";
import { ChainDataError, InvalidParameterError } from "../../errors/BaseError.js";

/** The one thing the helper needs of a network: EIP-1193 `request` (in-process network or `npx hardhat node`). */
export type Eip1193Provider = { request(args: { method: string; params?: unknown[] }): Promise<unknown> };

/** A block the chain can be reorganised back to (an `evm_snapshot` taken at it). */
export type ForkPoint = { snapshotId: string; number: bigint; hash: Hex; timestamp: bigint };

export type ReorgResult = {
  /** Blocks of the old branch the reorg removed. */
  depth: bigint;
  fork: { number: bigint; hash: Hex };
  /** The old branch's first block and the new one's at the same height (different hashes). */
  replaced: { old: Hex; new: Hex } | null;
  head: { number: bigint; hash: Hex };
};

type RpcBlock = { number: Hex; hash: Hex; timestamp: Hex };

async function block(provider: Eip1193Provider, at: bigint | "latest"): Promise<RpcBlock | null> {
  const tag = at === "latest" ? at : `0x${at.toString(16)}`;
  return (await provider.request({ method: "eth_getBlockByNumber", params: [tag, false] })) as RpcBlock | null;
}

/** Marks the current head as a fork point (`evm_snapshot`). */
export async function markForkPoint(provider: Eip1193Provider): Promise<ForkPoint> {
  const snapshotId = (await provider.request({ method: "evm_snapshot" })) as string;
  const head = (await block(provider, "latest"))!;
  return { snapshotId, number: BigInt(head.number), hash: head.hash, timestamp: BigInt(head.timestamp) };
}

/**
 * Reorganises the chain: drops every block after `fork` (`evm_revert`) and mines a competing branch of at least
 * `length` blocks instead. `build` runs first on the new branch (send the branch's own transactions; each may
 * mine blocks); the remaining blocks are mined empty. The branch's first block gets a later timestamp than the
 * old one's (`timestampOffset`, default 1 s), so the two differ even when both are empty. Throws if the revert
 * is refused or the new branch's first block equals the old one.
 */
export async function mineCompetingBranch(
  provider: Eip1193Provider,
  fork: ForkPoint,
  opts: { length: number; timestampOffset?: bigint; build?: () => Promise<void> },
): Promise<ReorgResult> {
  const oldHead = (await block(provider, "latest"))!;
  const oldFirst = await block(provider, fork.number + 1n);
  if (!((await provider.request({ method: "evm_revert", params: [fork.snapshotId] })) as boolean))
    throw new ChainDataError(`evm_revert to snapshot ${fork.snapshotId} (block ${fork.number}) was refused`);
  const offset = opts.timestampOffset ?? 1n;
  const firstTime = (oldFirst === null ? fork.timestamp + 1n : BigInt(oldFirst.timestamp)) + offset;
  if (opts.build === undefined) await mineAt(provider, firstTime);
  else await opts.build();
  for (;;) {
    const head = (await block(provider, "latest"))!;
    if (BigInt(head.number) >= fork.number + BigInt(opts.length)) break;
    await mineAt(provider, BigInt(head.timestamp) + 1n);
  }
  const newFirst = await block(provider, fork.number + 1n);
  if (oldFirst !== null && newFirst !== null && oldFirst.hash === newFirst.hash)
    throw new InvalidParameterError(
      `the competing branch's block ${fork.number + 1n} equals the old one: give it other contents`,
    );
  const head = (await block(provider, "latest"))!;
  return {
    depth: BigInt(oldHead.number) - fork.number,
    fork: { number: fork.number, hash: fork.hash },
    replaced: oldFirst === null || newFirst === null ? null : { old: oldFirst.hash, new: newFirst.hash },
    head: { number: BigInt(head.number), hash: head.hash },
  };
}

/**
 * Mines `count` empty blocks one `evm_mine` at a time. (EDR's `hardhat_mine` with a count > 1 creates "reserved"
 * blocks, some of which report a zero parent hash: a follower rightly takes that for a broken chain.)
 */
export async function mineBlocks(provider: Eip1193Provider, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await provider.request({ method: "evm_mine" });
}

async function mineAt(provider: Eip1193Provider, timestamp: bigint): Promise<void> {
  await provider.request({ method: "evm_setNextBlockTimestamp", params: [`0x${timestamp.toString(16)}`] });
  await provider.request({ method: "evm_mine" });
}
