import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { concat, keccak256, slice, toHex, zeroHash, type Hex } from "viem";
import { validatorAccount } from "../../src/system/validatorKeys.js";
import type { Proposal, RollupSystem } from "../../src/system/RollupSystem.js";
import { system48AtEpoch } from "../helpers/rollupSystem.js";
import { expectRefused } from "../helpers/expectRefused.js";
import { encodeBlobs } from "../../src/blob/encodeBlobs.js";
import { computeArchive } from "../../src/sequencer/header.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

const EPOCH = 2n;
const SLOT = EPOCH * 32n + 4n;

async function system48(): Promise<RollupSystem> {
  return system48AtEpoch(connection, EPOCH);
}

/** The proposal with `header` changed by `edit`, archive recomputed and re-signed by the same members. */
async function withHeader(system: RollupSystem, p: Proposal, edit: Partial<Proposal["block"]["header"]>) {
  const { archive: _ignored, ...rest } = { ...p.block.header, ...edit };
  const header = { ...rest, archive: computeArchive(rest) };
  return { header, attestations: await system.attest(header, p.committee.committee, p.signers) };
}

describe("Rollup.propose refusals", () => {
  it("refuses a header for another slot", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT + 1n);
    await expectRefused(system, () => system.send(p), "Rollup__WrongSlot", [SLOT, SLOT + 1n]);
  });

  it("refuses a header whose timestamp is not its slot's start", async () => {
    const system = await networkHelpers.loadFixture(system48);
    const start = await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const edited = await withHeader(system, p, { timestamp: start + 1n });
    await expectRefused(system, () => system.send(p, edited), "Rollup__WrongTimestamp", [start, start + 1n]);
  });

  it("refuses a sender that is not the slot's proposer when the proposer did not sign", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const others = p.committee.committee.filter((a) => a !== p.proposer!.address).slice(0, 11);
    const attestations = await system.attest(p.block.header, p.committee.committee, others);
    const sender = system.accountOf(others[0]);
    await expectRefused(system, () => system.send(p, { sender, attestations }), "Rollup__NotProposer", [
      p.proposer!.address,
      sender.address,
    ]);
  });

  it("accepts a block relayed by anyone when the proposer signed it", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const relayer = validatorAccount(10_000);
    await system.send(p, { sender: relayer });
    expect((await system.rollup.read.getPendingTip())[0]).to.equal(1n);
  });

  it("refuses a block whose parent an L1 reorg removed", async () => {
    const system = await networkHelpers.loadFixture(system48);
    const beforeParent = await networkHelpers.takeSnapshot();
    const { proposal: parent } = await system.proposeAt(SLOT);
    const child = await system.prepare(SLOT + 1n);
    // The L1 reorg: the block holding the parent's proposal is dropped; the child (built on it) arrives.
    await beforeParent.restore();
    await system.atSlot(SLOT + 1n);
    const genesis = (await system.rollup.read.getConfig()).genesisArchive;
    await expectRefused(system, () => system.send(child), "Rollup__WrongParentArchive", [
      genesis,
      parent.block.header.archive,
    ]);
  });

  it("refuses a block number other than the pending tip's plus one", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const edited = await withHeader(system, p, { blockNumber: 2n });
    await expectRefused(system, () => system.send(p, edited), "Rollup__WrongBlockNumber", [1n, 2n]);
  });

  it("refuses a second block in the same slot", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.proposeAt(SLOT);
    const second = await system.prepare(SLOT);
    await expectRefused(system, () => system.send(second), "Rollup__SlotAlreadyUsed", [SLOT, SLOT]);
  });

  it("refuses a commitment that is not the transaction's blob", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const other = encodeBlobs({ data: toHex("other data") });
    await expectRefused(system, () => system.send(p, { blobs: other.blobs }), "Rollup__BlobHashMismatch", [
      0n,
      other.versionedHashes[0],
      p.block.blobs.versionedHashes[0],
    ]);
  });

  it("refuses more commitments than the transaction has blobs", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const packed = concat([p.block.blobs.packedCommitments, p.block.blobs.commitments[0]]);
    await expectRefused(system, () => system.send(p, { packedCommitments: packed }), "Rollup__BlobHashMismatch", [
      1n,
      zeroHash,
      p.block.blobs.versionedHashes[0],
    ]);
  });

  it("refuses a transaction that carries a blob beyond the named commitments (audit F-8)", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const extra = encodeBlobs({ data: toHex("unnamed data") });
    const blobs = [...p.block.blobs.blobs, ...extra.blobs];
    await expectRefused(system, () => system.send(p, { blobs }), "Rollup__UnexpectedBlob", [
      1n,
      extra.versionedHashes[0],
    ]);
  });

  it("refuses a proposal that names no blob, whatever its txCount (audit F-8)", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    await expectRefused(system, () => system.send(p, { packedCommitments: "0x" }), "Rollup__NoBlobs", []);
  });

  it("refuses blob commitments that are not 48 bytes each", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const truncated = slice(p.block.blobs.packedCommitments, 0, 47);
    await expectRefused(
      system,
      () => system.send(p, { packedCommitments: truncated }),
      "Rollup__MalformedBlobCommitments",
      [47n],
    );
  });

  it("refuses a header whose blobsHash is not the hash of its blobs' versioned hashes", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const wrong = keccak256(toHex("not the blobs"));
    const edited = await withHeader(system, p, { blobsHash: wrong });
    await expectRefused(system, () => system.send(p, edited), "Rollup__BlobsHashMismatch", [
      p.block.blobs.blobsHash,
      wrong,
    ]);
  });
});
