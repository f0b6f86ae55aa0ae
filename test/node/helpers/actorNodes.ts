import { expect } from "chai";
import type { LocalAccount } from "viem";
import { BlobFetcher } from "../../../src/node/blobs/BlobFetcher.js";
import { LocalBlobStore } from "../../../src/node/blobs/LocalBlobStore.js";
import { createProverActor } from "../../../src/node/actors/createProverActor.js";
import type { BlobSource } from "../../../src/node/blobs/types.js";
import { loadCKzg } from "../../../src/prover/loadCKzg.js";
import { InProcessCollector } from "../../../src/node/actors/AttestationCollector.js";
import { Attester } from "../../../src/node/actors/Attester.js";
import { followerChainReader } from "../../../src/node/actors/followerChainReader.js";
import { Sequencer, type SequencerTick } from "../../../src/node/actors/Sequencer.js";
import type { NodeStore } from "../../../src/node/store/NodeStore.js";
import { validatorAccount } from "../../../src/system/validatorKeys.js";
import { followerOf, type FollowedSystem } from "./followedSystem.js";

/** The current time as the actors see it: the latest L1 block's timestamp + 1. */
export const l1Now = (s: FollowedSystem) => async () => (await s.publicClient.getBlock()).timestamp + 1n;

/**
 * One node (a follower on its own store, blobs checked against a local blob store) running the 48 validators of
 * the fixture as two sequencers of 24 keys each and two attesters of the same keys, collected in process.
 */
export async function actorNodes(s: FollowedSystem, opts: { store?: NodeStore } = {}) {
  const blobs = new LocalBlobStore();
  const follower = followerOf(s, { blobs: new BlobFetcher([blobs]), store: opts.store });
  const config = await s.system.config();
  const reader = followerChainReader({ store: follower.store, genesisArchive: config.genesisArchive });
  const domain = { chainId: await s.publicClient.getChainId(), rollup: s.system.rollup.address };
  const halves: LocalAccount[][] = [0, 24].map((from) =>
    Array.from({ length: 24 }, (_, k) => validatorAccount(from + k)),
  );
  const attesters = halves.map(
    (accounts) => new Attester({ store: follower.store, reader, clock: config.clock, domain, accounts, now: l1Now(s) }),
  );
  const collector = new InProcessCollector(attesters);
  const sequencers = halves.map(
    (accounts) =>
      new Sequencer({
        publicClient: s.publicClient,
        rollup: s.system.rollup.address,
        config,
        reader,
        collector,
        accounts,
        walletFor: (a) => s.system.walletFor(a as Parameters<typeof s.system.walletFor>[0]),
        blobStore: blobs,
      }),
  );
  /** Syncs the follower, then ticks every sequencer; returns the ticks. */
  const step = async (): Promise<SequencerTick[]> => {
    await follower.sync();
    const ticks = [];
    for (const sequencer of sequencers) ticks.push(await sequencer.tick());
    await follower.sync();
    return ticks;
  };
  return { blobs, follower, config, reader, domain, attesters, collector, sequencers, step };
}

/** The one `proposed` tick among `ticks` (throws unless exactly one node proposed). */
export function proposedOf(ticks: SequencerTick[]) {
  const proposed = ticks.filter((t) => t.status === "proposed");
  if (proposed.length !== 1)
    throw new Error(`expected one proposal, got ${JSON.stringify(ticks.map((t) => t.status))}`);
  return proposed[0] as Extract<SequencerTick, { status: "proposed" }>;
}

/** The prover actor of node `n`, sending from the network's second account and reading blobs from `blobs`. */
export async function proverOf(s: FollowedSystem, n: Awaited<ReturnType<typeof actorNodes>>, blobs: BlobSource) {
  const [, proverWallet] = await s.system.connection.viem.getWalletClients();
  return createProverActor({
    publicClient: s.publicClient,
    walletClient: proverWallet as Parameters<typeof createProverActor>[0]["walletClient"],
    rollup: s.system.rollup.address,
    store: n.follower.store,
    reader: n.reader,
    blobs,
    clock: n.config.clock,
    kzg: loadCKzg(),
    proofSubmissionEpochs: n.config.proofs.proofSubmissionEpochs,
  });
}
