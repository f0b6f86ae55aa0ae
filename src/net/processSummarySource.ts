import path from "node:path";
import type { PublicClient } from "viem";
import type { ReadRollupConfigReturnType } from "../chain/readRollupConfig.js";
import { InProcessCollector } from "../node/actors/AttestationCollector.js";
import { LocalBlobStore } from "../node/blobs/LocalBlobStore.js";
import type { FollowedContracts } from "../node/follower/decodeLogs.js";
import { RollupNode, type RollupNodeParameters } from "../node/RollupNode.js";
import { STORE_FILES } from "../node/run/startNode.js";
import { openDatabase } from "../node/store/openDatabase.js";
import type { SummarySource } from "../sim/summarize.js";

/** The client version of the check that rebuilds a store's state from L1 (as the simulator's check). */
const CHECK_VERSION = "sp-testnet-node/resync-check";

export type ProcessSummarySourceParameters = {
  client: PublicClient;
  chainId: number;
  config: ReadRollupConfigReturnType;
  /** The store folders of the stopped processes (`node:run --store`); the chain is read from `prover`'s. */
  stores: { name: string; dir: string }[];
  prover: string;
};

/**
 * The report's source for a process testnet whose processes have stopped: each process's store reopened in
 * this process (with the contracts its identity records and the client version that wrote it), synced to the
 * L1 head with every process's sent blobs as sources, so the last blocks a process had not polled yet are
 * there; the chain is the prover's store, and the check compares each store with a fresh resync from L1.
 */
export async function processSummarySource(
  p: ProcessSummarySourceParameters,
): Promise<SummarySource & { close: () => void }> {
  const blobs = p.stores.map((s) => new LocalBlobStore(path.join(s.dir, STORE_FILES.blobs)));
  const parameters = p.stores.map(({ name, dir }) => nodeParameters(p, name, path.join(dir, STORE_FILES.store), blobs));
  const nodes: RollupNode[] = [];
  const close = () => {
    for (const node of nodes) node.close();
    for (const store of blobs) store.close();
  };
  try {
    for (const params of parameters) {
      const node = RollupNode.open(params);
      nodes.push(node);
      await node.follower.sync();
    }
  } catch (error) {
    close();
    throw error;
  }
  const proverAt = p.stores.findIndex((s) => s.name === p.prover);
  const consistency = async (all: boolean) => {
    const checked = all ? nodes.map((_, k) => k) : [proverAt];
    let consistent = 0;
    for (const k of checked) {
      const fresh = RollupNode.open({
        ...parameters[k],
        storePath: ":memory:",
        clientVersion: CHECK_VERSION,
        follower: { maxRange: 97 }, // other ranges than the processes' followers read with
      });
      try {
        await fresh.follower.sync();
        if (fresh.store.dump() === nodes[k].store.dump()) consistent++;
      } finally {
        fresh.close();
      }
    }
    return { checked: checked.length, consistent };
  };
  return { chains: [{ version: 1, node: nodes[proverAt] }], consistency, close };
}

/** A follower-only node on a process's store file: its identity's contracts and start block, no keys. */
function nodeParameters(
  p: ProcessSummarySourceParameters,
  name: string,
  storePath: string,
  blobSources: LocalBlobStore[],
): RollupNodeParameters {
  const db = openDatabase(storePath);
  const meta = (key: string) =>
    (db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined)?.value;
  const identity = JSON.parse(meta("identity") ?? "null") as { contracts: FollowedContracts; startBlock: string };
  const clientVersion = meta("client_version") ?? CHECK_VERSION;
  db.close();
  return {
    name,
    client: p.client,
    chainId: p.chainId,
    contracts: identity.contracts,
    startBlock: BigInt(identity.startBlock),
    config: p.config,
    storePath,
    clientVersion,
    blobSources,
    validators: [],
    collector: new InProcessCollector(),
    walletFor: () => Promise.reject(new Error("a store check sends nothing")),
    now: async () => (await p.client.getBlock()).timestamp + 1n,
  };
}
