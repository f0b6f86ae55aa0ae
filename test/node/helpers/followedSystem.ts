import { toHex, zeroAddress, type Hex, type PublicClient } from "viem";
import { BlobFetcher } from "../../../src/node/blobs/BlobFetcher.js";
import type { BlobSource } from "../../../src/node/blobs/types.js";
import { L1Follower, type L1FollowerParameters } from "../../../src/node/follower/L1Follower.js";
import { NodeStore } from "../../../src/node/store/NodeStore.js";
import type { RollupSystem } from "../../../src/system/RollupSystem.js";
import { system48AtEpoch, type Connection } from "../../helpers/rollupSystem.js";

/** The Rollup system of the propose tests (48 validators, committees of 16, at epoch 2) plus an Inbox. */
export async function deployFollowedSystem(connection: Connection) {
  const publicClient = (await connection.viem.getPublicClient()) as unknown as PublicClient;
  const startBlock = (await publicClient.getBlockNumber()) + 1n;
  const system = await system48AtEpoch(connection, 2n);
  // An Inbox of its own (not bound to the Rollup, so blocks need no inHash): the follower reads its messages.
  const inbox = await connection.viem.deployContract("Inbox", [4n, 8n, 1n, 0n, zeroAddress]);
  const contracts = { rollup: system.rollup.address, inbox: inbox.address, stakingEscrow: system.escrow.address };
  return { system, inbox, contracts, startBlock, publicClient };
}

export type FollowedSystem = Awaited<ReturnType<typeof deployFollowedSystem>>;

/** A follower of `s` on a fresh in-memory store (or `store`). */
export function followerOf(
  s: FollowedSystem,
  opts: Partial<L1FollowerParameters> & { store?: NodeStore } = {},
): L1Follower {
  const store =
    opts.store ??
    NodeStore.open({
      path: ":memory:",
      clientVersion: "test",
      identity: { chainId: 31337, contracts: s.contracts, startBlock: s.startBlock },
    });
  return new L1Follower({ client: s.publicClient, contracts: s.contracts, startBlock: s.startBlock, ...opts, store });
}

/** Sends an L1→L2 message with `content`; returns its L1 block. */
export async function sendMessage(s: FollowedSystem, content: bigint): Promise<bigint> {
  const hash = await s.inbox.write.sendL2Message([
    toHex(1n, { size: 32 }),
    toHex(content, { size: 32 }),
    toHex(2n, { size: 32 }),
  ]);
  return (await s.publicClient.waitForTransactionReceipt({ hash })).blockNumber;
}

/** The archive of every L2 block row in the store, in L1 order. */
export const archives = (store: NodeStore): [bigint, Hex][] =>
  store.rows("l2Blocks").map((r) => [r.blockNumber, r.archive]);

export type { RollupSystem };

/**
 * The dump of a follower that reads the whole chain on an empty store (ranges of 7 L1 blocks; blobs checked
 * against `blobs` when given): what every recovery must equal.
 */
export async function resyncDump(s: FollowedSystem, blobs?: BlobSource): Promise<string> {
  const fresh = followerOf(s, { maxRange: 7, blobs: blobs === undefined ? undefined : new BlobFetcher([blobs]) });
  await fresh.sync();
  return fresh.store.dump();
}
