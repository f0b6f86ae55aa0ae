import path from "node:path";
import type { PublicClient } from "viem";
import { readRollupConfig } from "../chain/readRollupConfig.js";
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
  /** The store folders of the stopped processes (`node:run --store`). */
  stores: { name: string; dir: string }[];
  /** Earlier store folders (before a hard fork's switch): their blobs serve as sources too. */
  formerStores?: string[];
  /** Each Rollup version's chain is read from its prover's store (v1, then v2 after a hard fork). */
  chains: { version: number; prover: string }[];
};

/**
 * The report's source for a process testnet whose processes have stopped: each process's store reopened in
 * this process (with the contracts its identity records and the client version that wrote it), synced to the
 * L1 head with every process's sent blobs as sources, so the last blocks a process had not polled yet are
 * there; each chain is its prover's store, and the check compares each store (or the provers') with a fresh
 * resync from L1.
 */
export async function processSummarySource(
  p: ProcessSummarySourceParameters,
): Promise<SummarySource & { close: () => void }> {
  const dirs = [...p.stores.map((s) => s.dir), ...(p.formerStores ?? [])];
  const blobs = dirs.map((dir) => new LocalBlobStore(path.join(dir, STORE_FILES.blobs)));
  const parameters = await Promise.all(
    p.stores.map(({ name, dir }) => nodeParameters(p, name, path.join(dir, STORE_FILES.store), blobs)),
  );
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
  const proverAt = (name: string) => p.stores.findIndex((s) => s.name === name);
  const consistency = async (all: boolean) => {
    const checked = all ? nodes.map((_, k) => k) : p.chains.map((c) => proverAt(c.prover));
    const differing: string[] = [];
    for (const k of checked) {
      const fresh = RollupNode.open({
        ...parameters[k],
        storePath: ":memory:",
        clientVersion: CHECK_VERSION,
        follower: { maxRange: 97 }, // other ranges than the processes' followers read with
      });
      try {
        await fresh.follower.sync();
        if (fresh.store.dump() !== nodes[k].store.dump()) differing.push(p.stores[k].name);
      } finally {
        fresh.close();
      }
    }
    return { checked: checked.length, consistent: checked.length - differing.length, differing };
  };
  const chains = p.chains.map((c) => ({ version: c.version, node: nodes[proverAt(c.prover)] }));
  return { chains, consistency, close };
}

/** A follower-only node on a process's store file: its identity's contracts, their Rollup's configuration, no keys. */
async function nodeParameters(
  p: ProcessSummarySourceParameters,
  name: string,
  storePath: string,
  blobSources: LocalBlobStore[],
): Promise<RollupNodeParameters> {
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
    config: await readRollupConfig(p.client, identity.contracts.rollup),
    storePath,
    clientVersion,
    blobSources,
    validators: [],
    collector: new InProcessCollector(),
    walletFor: () => Promise.reject(new Error("a store check sends nothing")),
    now: async () => (await p.client.getBlock()).timestamp + 1n,
  };
}
