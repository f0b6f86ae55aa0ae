import { describe, it } from "mocha";
import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { keccak256, toHex, type Hex } from "viem";
import { NodeStore, type StoreIdentity } from "../../src/node/store/NodeStore.js";
import { openDatabase } from "../../src/node/store/openDatabase.js";
import { emptyRows, type L1BlockData, type Rows } from "../../src/node/store/types.js";
import { SigningProtection } from "../../src/node/actors/SigningProtection.js";
import { NodeError } from "../../src/node/NodeError.js";

const identity: StoreIdentity = {
  chainId: 31337,
  contracts: { rollup: "0x00000000000000000000000000000000000000A1", inbox: undefined },
  startBlock: 1n,
};
const hash = (n: bigint, branch = "a"): Hex => keccak256(toHex(`${branch}${n}`));
const at = (l1Block: bigint, logIndex: number) => ({
  l1Block,
  logIndex,
  txHash: hash(l1Block * 100n + BigInt(logIndex)),
});
const ADDR = "0x00000000000000000000000000000000000000b0";

/** One row of every table, all from L1 block `n`. */
function blockData(n: bigint, branch = "a"): L1BlockData {
  const rows: Rows = emptyRows();
  rows.l2Blocks.push({
    ...at(n, 0),
    blockNumber: n,
    archive: hash(n, `archive-${branch}`),
    headerHash: hash(n, "header"),
    slot: n * 2n,
    versionedHashes: [hash(n, "vh")],
    availability: "available",
    availabilityReason: null,
  });
  rows.epochProofs.push({ ...at(n, 1), epoch: 1n, startBlock: 1n, endBlock: n, endArchive: hash(n), prover: ADDR });
  rows.prunes.push({ ...at(n, 2), epoch: 2n, provenTip: 1n, prunedPendingTip: n });
  rows.inboxMessages.push({
    ...at(n, 3),
    l2BlockNumber: n + 2n,
    index: n,
    leaf: hash(n, "leaf"),
    rollingHash: hash(n, "rolling"),
    sender: ADDR,
    recipient: hash(1n),
    content: hash(2n),
    secretHash: hash(3n),
  });
  rows.outboxConsumptions.push({ ...at(n, 4), l2BlockNumber: n, root: hash(n), leaf: hash(n, "l"), leafIndex: 3n });
  rows.deposits.push({
    ...at(n, 5),
    attester: ADDR,
    withdrawer: ADDR,
    pinnedRollup: ADDR,
    followCanonical: true,
    amount: 10n ** 30n, // beyond 64 bits: stored as decimal text
  });
  rows.withdrawals.push({
    ...at(n, 6),
    stage: "initiated",
    attester: ADDR,
    recipient: ADDR,
    amount: 5n,
    exitableAt: 9n,
  });
  rows.migrations.push({ ...at(n, 7), attester: ADDR, fromRollup: ADDR, toRollup: ADDR });
  rows.signals.push({ ...at(n, 8), rollup: ADDR, round: 1n, payload: ADDR, signaler: ADDR, slot: n, signals: 3n });
  rows.proposals.push({ ...at(n, 9), stage: "created", proposalId: 2n ** 200n, payload: null, detail: { a: "1" } });
  rows.votes.push({ ...at(n, 10), voter: ADDR, proposalId: 2n ** 200n, support: 1n, weight: 7n, reason: "" });
  return { block: { number: n, hash: hash(n, branch), parentHash: hash(n - 1n, branch), timestamp: n * 12n }, rows };
}

const open = (p = ":memory:", clientVersion = "0.1.0") => NodeStore.open({ path: p, clientVersion, identity });

describe("NodeStore", () => {
  it("round-trips one row of every table, bigints beyond 64 bits included", () => {
    const store = open();
    const data = blockData(5n);
    store.applyL1Block(data);
    for (const table of Object.keys(data.rows) as (keyof Rows)[])
      expect(store.rows(table), table).to.deep.equal(data.rows[table]);
    expect(store.tip()).to.deep.equal(data.block);
    expect(store.opening.status).to.equal("created");
  });

  it("writes an L1 block in one transaction: a failing row leaves nothing of that block", () => {
    const store = open();
    store.applyL1Block(blockData(5n));
    const before = store.dump();
    const bad = blockData(6n);
    bad.rows.votes.push({ ...bad.rows.votes[0] }); // same (l1Block, logIndex): the primary key refuses it
    expect(() => store.applyL1Block(bad))
      .to.throw(NodeError, /L1 block 6 was not stored \(nothing of it was\)/)
      .with.property("code", "StoreWrite");
    expect(store.dump()).to.equal(before);
    expect(store.tip()!.number).to.equal(5n);
    expect(store.l1Block(6n)).to.equal(undefined);
    expect(store.rows("l2Blocks")).to.have.length(1); // block 6's first rows were rolled back too
    expect(() => store.applyL1Block(blockData(5n))).to.throw(NodeError, /applied in order/);
  });

  it("rolls back to an L1 block in one transaction and returns exactly what it removed", () => {
    const store = open();
    const reference = open();
    for (const n of [10n, 11n, 12n]) store.applyL1Block(blockData(n));
    reference.applyL1Block(blockData(10n));
    const dropped = store.rollbackTo(10n);
    expect(dropped.l2Blocks.map((r) => r.blockNumber)).to.deep.equal([11n, 12n]);
    expect(dropped.votes).to.deep.equal([...blockData(11n).rows.votes, ...blockData(12n).rows.votes]);
    expect(store.tip()!.number).to.equal(10n);
    expect(store.dump()).to.equal(reference.dump());
    store.applyL1Block(blockData(11n, "b")); // the other branch continues from the ancestor
    expect(store.rows("l2Blocks")[1].archive).to.equal(hash(11n, "archive-b"));
  });

  it("never rolls back below finalized, and finality only moves forward", () => {
    const store = open();
    for (const n of [10n, 11n, 12n]) store.applyL1Block(blockData(n));
    store.setFinality({ safe: 12n, finalized: 11n });
    store.setFinality({ safe: 3n, finalized: 2n });
    expect(store.finality()).to.deep.equal({ safe: 12n, finalized: 11n });
    expect([store.tagOf(10n), store.tagOf(12n), store.tagOf(13n)]).to.deep.equal(["finalized", "safe", "pending"]);
    expect(() => store.rollbackTo(10n))
      .to.throw(NodeError, /below the finalized L1 block. Expected: ≥ 11. Given: 10./)
      .with.property("code", "ReorgBelowFinalized");
    expect(store.tip()!.number).to.equal(12n);
  });

  it("dumps deterministically: equal states, equal strings, whatever the write order", () => {
    const a = open();
    const b = open();
    const data = blockData(7n);
    a.applyL1Block(data);
    const reversed: Rows = Object.fromEntries(Object.entries(data.rows).reverse()) as Rows;
    b.applyL1Block({ block: data.block, rows: reversed });
    expect(a.dump()).to.equal(b.dump());
    expect(JSON.parse(a.dump()).tables.deposits[0].amount).to.equal((10n ** 30n).toString());
    b.applyL1Block(blockData(8n));
    expect(a.dump()).to.not.equal(b.dump());
  });

  describe("on disk", () => {
    it("continues after a restart from what it stored, recording the client version", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "node-store-"));
      try {
        const file = path.join(dir, "node.sqlite");
        const first = open(file, "0.1.0");
        first.applyL1Block(blockData(3n));
        first.setFinality({ safe: 2n, finalized: 1n });
        const dump = first.dump();
        first.close();
        const second = open(file, "0.1.1");
        expect(second.opening).to.deep.equal({ status: "reopened", previousClientVersion: "0.1.0" });
        expect(second.dump()).to.equal(dump);
        expect(second.finality()).to.deep.equal({ safe: 2n, finalized: 1n });
        expect(second.meta("client_version")).to.equal("0.1.1");
        second.applyL1Block(blockData(4n));
        expect(second.tip()!.number).to.equal(4n);
        second.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("asks for a resync on another schema version, and resyncs (empties) when told to", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "node-store-"));
      try {
        const file = path.join(dir, "node.sqlite");
        const store = open(file);
        store.applyL1Block(blockData(3n));
        store.close();
        const raw = openDatabase(file);
        raw.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
        raw.close();
        expect(() => open(file))
          .to.throw(NodeError, /another schema version .* Expected: schema 1. Given: schema 99./)
          .with.property("code", "ResyncRequired");
        const resynced = NodeStore.open({ path: file, clientVersion: "0.2.0", identity, onSchemaChange: "resync" });
        expect(resynced.opening.status).to.equal("resynced");
        expect(resynced.tip()).to.equal(undefined);
        expect(resynced.rows("l2Blocks")).to.deep.equal([]);
        resynced.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("keeps the signing-protection records across a resync (a rebuilt store never allows a second signature)", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "node-store-"));
      try {
        const file = path.join(dir, "node.sqlite");
        const store = open(file);
        store.applyL1Block(blockData(3n));
        const attester = "0x00000000000000000000000000000000000000a1";
        const [signed, other] = [`0x${"11".repeat(32)}`, `0x${"22".repeat(32)}`] as const;
        expect(new SigningProtection(store).claim(attester, 7n, signed)).to.equal(null);
        store.close();
        const raw = openDatabase(file);
        raw.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
        raw.close();
        const resynced = NodeStore.open({ path: file, clientVersion: "0.2.0", identity, onSchemaChange: "resync" });
        expect(resynced.opening.status).to.equal("resynced");
        expect(resynced.tip()).to.equal(undefined); // everything derived from L1 is gone
        const protection = new SigningProtection(resynced);
        expect(protection.claim(attester, 7n, other)).to.equal(signed); // refused: it signed another header there
        expect(protection.claim(attester, 7n, signed)).to.equal(null); // the same header again is fine
        resynced.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("resync: true rebuilds a same-schema store (an upgrade's resync) keeping signing protection; another deployment's store is still refused", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "node-store-"));
      try {
        const file = path.join(dir, "node.sqlite");
        const store = open(file, "0.1.0");
        store.applyL1Block(blockData(3n));
        const attester = "0x00000000000000000000000000000000000000a1";
        const [signed, other] = [`0x${"11".repeat(32)}`, `0x${"22".repeat(32)}`] as const;
        expect(new SigningProtection(store).claim(attester, 7n, signed)).to.equal(null);
        store.close();
        const otherChain = { ...identity, chainId: 1 };
        expect(() => NodeStore.open({ path: file, clientVersion: "0.2.0", identity: otherChain, resync: true }))
          .to.throw(NodeError, /another chain or deployment/)
          .with.property("code", "StoreMismatch");
        const resynced = NodeStore.open({ path: file, clientVersion: "0.2.0", identity, resync: true });
        expect(resynced.opening).to.deep.equal({ status: "resynced", previousClientVersion: "0.1.0" });
        expect(resynced.tip()).to.equal(undefined);
        expect(resynced.meta("client_version")).to.equal("0.2.0");
        expect(new SigningProtection(resynced).claim(attester, 7n, other)).to.equal(signed);
        resynced.applyL1Block(blockData(3n));
        resynced.close();
        const again = NodeStore.open({ path: file, clientVersion: "0.2.0", identity });
        expect(again.opening.status).to.equal("reopened"); // without the flag, the rebuilt store continues
        expect(again.tip()!.number).to.equal(3n);
        again.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("refuses a store of another deployment", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "node-store-"));
      try {
        const file = path.join(dir, "node.sqlite");
        open(file).close();
        expect(() => NodeStore.open({ path: file, clientVersion: "0.1.0", identity: { ...identity, chainId: 1 } }))
          .to.throw(NodeError, /another chain or deployment/)
          .with.property("code", "StoreMismatch");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
