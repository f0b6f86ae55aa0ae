import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyTypedData } from "viem";
import { Attester } from "../../src/node/actors/Attester.js";
import { followerChainReader } from "../../src/node/actors/followerChainReader.js";
import { NodeStore } from "../../src/node/store/NodeStore.js";
import { attestationTypedData } from "../../src/sequencer/attestations.js";
import { buildBlock } from "../../src/sequencer/buildBlock.js";
import { randomTxPayloads } from "../../src/sequencer/randomTxPayloads.js";
import { validatorAccount } from "../../src/system/validatorKeys.js";
import { deployFollowedSystem, type FollowedSystem } from "./helpers/followedSystem.js";
import { actorNodes, l1Now } from "./helpers/actorNodes.js";

const connection = await network.create();
const { networkHelpers } = connection;

const fixture = () => deployFollowedSystem(connection);
const SLOT0 = 2n * 32n + 1n;

/** A request for a fresh block in `slot` on `parent`, with its blobs and the epoch's committee. */
async function request(s: FollowedSystem, slot: bigint, parent: { blockNumber: bigint; archive: `0x${string}` }) {
  const committee = await s.system.committee(2n);
  const block = buildBlock({
    parent,
    slot,
    timestamp: await s.system.slotStart(slot),
    coinbase: committee.committee[0],
    txs: randomTxPayloads({ txCount: 1, txSize: 64 }),
  });
  return { header: block.header, blobs: block.blobs.blobs.map((blob) => ({ blob })), committee: committee.committee };
}

const storeAt = (s: FollowedSystem, path: string) =>
  NodeStore.open({
    path,
    clientVersion: "test",
    identity: { chainId: 31337, contracts: s.contracts, startBlock: s.startBlock },
  });

describe("node actors: attester", () => {
  it("signs a proposal for the current slot on its tip with valid blobs, and refuses one for another slot, off its tip or with wrong blobs", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const n = await actorNodes(s);
    await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0));
    await n.follower.sync();
    const tip = await n.reader.pendingTip();
    const good = await request(s, SLOT0, tip);
    const result = await n.attesters[0].handle(good);
    expect(result.status).to.equal("signed");
    const signed = result as Extract<typeof result, { status: "signed" }>;
    const mine = good.committee.map((m) => m.toLowerCase()).filter((m) => keysOf(0).includes(m));
    expect(mine).to.not.have.length(0);
    expect(signed.signatures.map((x) => x.attester.toLowerCase()).sort()).to.deep.equal(mine.sort());
    for (const { attester, signature } of signed.signatures)
      expect(
        await verifyTypedData({ address: attester, signature, ...attestationTypedData(n.domain, good.header) }),
      ).to.equal(true);

    const reasons = [];
    for (const bad of [
      await request(s, SLOT0 + 1n, tip), // a later slot
      await request(s, SLOT0, { blockNumber: tip.blockNumber + 1n, archive: good.header.archive }), // not the tip
      { ...(await request(s, SLOT0, tip)), blobs: good.blobs }, // another block's blobs
    ])
      reasons.push(await n.attesters[1].handle(bad));
    expect(reasons.map((r) => r.status === "refused" && r.reason)).to.deep.equal([
      "wrongSlot",
      "notOnTip",
      "blobsInvalid",
    ]);
  });

  it("never signs two different proposals for one slot, and the record survives a restart from the store", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const dir = mkdtempSync(join(tmpdir(), "attester-"));
    try {
      const path = join(dir, "node.db");
      const n = await actorNodes(s, { store: storeAt(s, path) });
      await networkHelpers.time.increaseTo(await s.system.slotStart(SLOT0));
      await n.follower.sync();
      const tip = await n.reader.pendingTip();
      const a = await request(s, SLOT0, tip);
      const b = await request(s, SLOT0, tip);
      const first = await n.attesters[0].handle(a);
      expect(first.status).to.equal("signed");
      const second = await n.attesters[0].handle(b);
      expect(second).to.include({ status: "refused", reason: "alreadySigned", slot: SLOT0 });
      expect(await n.attesters[0].handle(a)).to.deep.equal(first); // the same proposal again: signed again
      const records = () =>
        (n.follower.store.database.prepare("SELECT COUNT(*) AS c FROM signing_protection").get() as { c: number }).c;
      const signers = (first as Extract<typeof first, { status: "signed" }>).signatures.length;
      expect(records()).to.equal(signers); // one record per key and slot, not per request
      const dumpBefore = n.follower.store.dump();
      n.follower.store.close();

      const reopened = storeAt(s, path);
      expect(reopened.opening.status).to.equal("reopened");
      expect(reopened.dump()).to.equal(dumpBefore); // the record is not part of the L1-derived state
      const config = await s.system.config();
      const restarted = new Attester({
        store: reopened,
        reader: followerChainReader({ store: reopened, genesisArchive: config.genesisArchive }),
        clock: config.clock,
        domain: n.domain,
        accounts: Array.from({ length: 24 }, (_, k) => validatorAccount(k)),
        now: l1Now(s),
      });
      expect(await restarted.handle(b)).to.include({ status: "refused", reason: "alreadySigned" });
      expect(await restarted.handle(a)).to.deep.equal(first);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Lower-case addresses of the keys of attester node `i` (24 keys each). */
function keysOf(i: number): string[] {
  return Array.from({ length: 24 }, (_, k) => validatorAccount(i * 24 + k).address.toLowerCase());
}
