import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { generateKeyPair } from "@libp2p/crypto/keys";
import { type Address, type Hex, keccak256, toHex, zeroHash } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { epochOf, slotAt } from "../../src/chain/time.js";
import { computeCommittee, proposerOf } from "../../src/committee/computeCommittee.js";
import { NodeStore } from "../../src/node/store/NodeStore.js";
import { loadPeerIdentity } from "../../src/node/p2p/peerIdentity.js";
import { encodeAttestations, encodeProposal } from "../../src/node/p2p/messages.js";
import { P2PBlobSource } from "../../src/node/p2p/blobExchange.js";
import { verifyBlobs } from "../../src/node/blobs/verifyBlobs.js";
import { P2PHost, SCORE_THRESHOLDS } from "../../src/node/p2p/P2PHost.js";
import { attestationTypedData, attestationTypedDataOf } from "../../src/sequencer/attestations.js";
import { validatorAccount } from "../../src/system/validatorKeys.js";
import { proposedOf } from "./helpers/actorNodes.js";
import { deployFollowedSystem, type FollowedSystem } from "./helpers/followedSystem.js";
import { connected, p2pNode, type P2PTestNode, stepAll, stopAll } from "./helpers/p2pNodes.js";
import type { DropReason } from "../../src/node/p2p/validateMessages.js";

const connection = await network.create();
const { networkHelpers } = connection;
const SLOT0 = 2n * 32n + 1n;

describe("p2p: three libp2p nodes on 127.0.0.1 gossip proposals and attestations (16 validators each)", () => {
  let s: FollowedSystem;
  let nodes: P2PTestNode[] = [];
  const attackers: P2PHost[] = [];
  let lastProposed: ReturnType<typeof proposedOf> | undefined;

  before(async () => {
    s = await deployFollowedSystem(connection);
    // Each node bootstraps from the ones started before it: a full mesh of three.
    for (const from of [0, 16, 32])
      nodes.push(
        await p2pNode(
          s,
          from,
          16,
          nodes.flatMap((n) => n.host.addresses()),
        ),
      );
    await connected(nodes, 2);
  });
  after(async () => {
    for (const a of attackers) await a.stop();
    await stopAll(nodes);
  });

  /** Node `i`'s count of drops for `reason`. */
  const drops = (i: number, reason: DropReason) => nodes[i].network.stats.dropped.get(reason) ?? 0;
  const nodeOf = (a: Address) => nodes.findIndex((n) => n.accounts.some((k) => k.address === a));

  it("produces blocks together: each proposal carries floor(2n/3)+1 signatures, most from the other processes' keys", async () => {
    for (let k = 0n; k < 3n; k++) {
      await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0 + k));
      const proposed = proposedOf(await stepAll(nodes));
      expect(proposed).to.include({ slot: SLOT0 + k, blockNumber: k + 1n });
      expect(proposed.attestations).to.be.greaterThanOrEqual(11);
      const committee = await computeCommittee({ client: s.publicClient, rollup: s.system.rollup.address, epoch: 2n });
      const proposerNode = nodeOf(proposed.proposal.proposer);
      const own = committee.committee.filter((m) => nodeOf(m) === proposerNode).length;
      expect(proposed.attestations, "signatures from other nodes").to.be.greaterThan(own);
      lastProposed = proposed;
    }
    expect(await s.system.rollup.read.getPendingTip()).to.have.property("0", 3n);
    // Every node's follower holds the blocks as available: the blobs travelled with the proposals.
    for (const n of nodes) {
      await n.follower.sync();
      const rows = n.store.rows("l2Blocks");
      expect(rows.map((r) => r.availability)).to.deep.equal(["available", "available", "available"]);
    }
    for (const n of nodes) expect([...n.network.stats.dropped.values()].reduce((a, b) => a + b, 0)).to.equal(0);
  });

  it("drops bad input before forwarding it, counts it by reason, scores the sender down and keeps producing", async () => {
    const now = (await s.publicClient.getBlock()).timestamp + 1n;
    const clock = nodes[0].config.clock;
    const slot = slotAt(clock, now);
    const committee = await computeCommittee({
      client: s.publicClient,
      rollup: s.system.rollup.address,
      epoch: epochOf(clock, slot),
    });
    const members = new Set(committee.committee.map((m) => m.toLowerCase()));
    const all = Array.from({ length: 48 }, (_, i) => validatorAccount(i));
    const member = all.find((a) => members.has(a.address.toLowerCase()))!;
    const outsider = all.find((a) => !members.has(a.address.toLowerCase()))!;
    const proposer = all.find((a) => a.address === proposerOf(committee, slot))!;
    const notProposer = all.find((a) => members.has(a.address.toLowerCase()) && a !== proposer)!;
    const domain = nodes[0].domain;
    const headerHash = keccak256(toHex("an attestation of a header nobody proposed"));
    const sign = (account: typeof member, hash: Hex) => account.signTypedData(attestationTypedDataOf(domain, hash));
    const attestation = async (account: typeof member, signer = account) =>
      encodeAttestations({
        slot,
        headerHash,
        attestations: [{ attester: account.address, signature: await sign(signer, headerHash) }],
      });
    // A real proposal's shape: the last block's header moved to the current slot.
    const tip = nodes[0].store.rows("l2Blocks").at(-1)!;
    const last = lastProposed!.proposal;
    const header = { ...last.block.header, slot };
    const blobs = last.block.blobs.blobs.map((blob, i) => ({
      blob,
      commitment: last.block.blobs.commitments[i],
      proof: last.block.blobs.proofs[i],
    }));
    const proposal = async (signer: typeof member, h = header) =>
      encodeProposal({ header: h, blobs, signature: await signer.signTypedData(attestationTypedData(domain, h)) });
    expect(tip.blockNumber).to.equal(3n);

    const cases: { reason: DropReason; topic: "proposal" | "attestation"; data: Uint8Array }[] = [
      { reason: "malformed", topic: "proposal", data: new Uint8Array([1, 0, 0, 0, 9, 1, 2, 3]) },
      { reason: "malformed", topic: "attestation", data: new TextEncoder().encode("not a message") },
      {
        reason: "badSignature",
        topic: "attestation",
        data: await attestation(member, privateKeyToAccount(generatePrivateKey())),
      },
      { reason: "notInCommittee", topic: "attestation", data: await attestation(outsider) },
      { reason: "wrongSlot", topic: "proposal", data: await proposal(proposer, { ...header, slot: slot + 5n }) },
      { reason: "notProposer", topic: "proposal", data: await proposal(notProposer) },
    ];
    for (const c of cases) {
      const attacker = await attackerOf(nodes[0]);
      const before = [0, 1, 2].map((i) => drops(i, c.reason));
      await attacker.pubsub.publish(nodes[0].network.topics[c.topic], c.data);
      await waitFor(() => drops(0, c.reason) > before[0], `${c.reason} counted`);
      expect(attacker.peerId).to.not.equal(nodes[0].host.peerId);
      // Not forwarded: the other nodes never saw it.
      await new Promise((r) => setTimeout(r, 200));
      expect([drops(1, c.reason), drops(2, c.reason)], `${c.reason} not forwarded`).to.deep.equal([
        before[1],
        before[2],
      ]);
      await waitFor(() => nodes[0].host.scoreOf(attacker.peerId) < 0, `${c.reason} scored down`);
    }

    // A flood of 50 copies of one valid attestation from one peer: the first is forwarded, the copies are dropped
    // as duplicates until the sender's score falls below the graylist threshold (then its RPCs are ignored).
    const flooder = await attackerOf(nodes[0]);
    const copy = await attestation(member);
    const received = nodes[1].network.stats.received.attestation;
    const duplicates = drops(0, "duplicate");
    for (let i = 0; i < 50; i++) await flooder.pubsub.publish(nodes[0].network.topics.attestation, copy);
    await waitFor(() => drops(0, "duplicate") > duplicates, "duplicates counted");
    await waitFor(
      () => nodes[0].host.scoreOf(flooder.peerId) <= SCORE_THRESHOLDS.graylistThreshold,
      "flooder graylisted",
    );
    expect(drops(0, "duplicate") - duplicates).to.be.greaterThanOrEqual(5);
    await waitFor(() => nodes[1].network.stats.received.attestation > received, "the first copy forwarded");
    await new Promise((r) => setTimeout(r, 300));
    expect(nodes[1].network.stats.received.attestation - received, "one copy reached node 1").to.be.lessThanOrEqual(2);
    expect(drops(1, "duplicate"), "node 1 saw no flood").to.be.lessThanOrEqual(1);

    // Nothing crashed: the three nodes produce the next block together.
    await networkHelpers.time.increaseTo(await s.system.slotStart(slot + 1n));
    const next = proposedOf(await stepAll(nodes));
    expect(next).to.include({ blockNumber: 4n });
    expect(next.attestations).to.be.greaterThanOrEqual(11);
  });

  it("serves blobs to peers on request (a node that was down fetches what it missed); a blob no peer holds is refused", async () => {
    const late = await P2PHost.start({
      privateKey: await generateKeyPair("Ed25519"),
      host: "127.0.0.1",
      port: 0,
      bootstrap: nodes[1].host.addresses(),
      topics: [],
    });
    attackers.push(late);
    await waitFor(() => late.peers() >= 1, "connected");
    const [row] = nodes[0].store.rows("l2Blocks");
    const source = new P2PBlobSource(late);
    const query = { l1BlockNumber: 0n, l1BlockHash: zeroHash, l1Timestamp: 0n, versionedHashes: row.versionedHashes };
    const blobs = await source.blobsFor(query);
    const expected = await nodes[0].blobs.blobsFor(query);
    expect(blobs.map((b) => b.blob)).to.deep.equal(expected.map((b) => b.blob));
    expect(verifyBlobs(blobs, row.versionedHashes)).to.equal(null);
    const missing = { ...query, versionedHashes: [`0x01${"ab".repeat(31)}` as Hex] };
    const refused = await source.blobsFor(missing).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(refused).to.match(/not held/);
  });

  it("keeps the node's peer identity in its store: a reopened store has the same peer id", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "sp-p2p-id-"));
    const file = path.join(folder, "node.sqlite");
    const open = () =>
      NodeStore.open({
        path: file,
        clientVersion: "test",
        identity: { chainId: 31337, contracts: s.contracts, startBlock: s.startBlock },
      });
    const store = open();
    const first = await loadPeerIdentity(store.database);
    store.close();
    const again = open();
    const second = await loadPeerIdentity(again.database);
    again.close();
    expect(second.publicKey.toString()).to.equal(first.publicKey.toString());
    await rm(folder, { recursive: true, force: true });
    expect((await generateKeyPair("Ed25519")).publicKey.toString()).to.not.equal(first.publicKey.toString());
  });

  /** A peer of `target` only (a fresh identity, no validation of its own), subscribed to its topics. */
  async function attackerOf(target: P2PTestNode): Promise<P2PHost> {
    const topics = Object.values(target.network.topics);
    const attacker = await P2PHost.start({
      privateKey: await generateKeyPair("Ed25519"),
      host: "127.0.0.1",
      port: 0,
      bootstrap: target.host.addresses(),
      topics,
    });
    attackers.push(attacker);
    for (const t of topics) attacker.pubsub.subscribe(t);
    await waitFor(
      () => topics.every((t) => attacker.pubsub.getSubscribers(t).some((p) => p.toString() === target.host.peerId)),
      "attacker connected",
    );
    return attacker;
  }
});

async function waitFor(probe: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
