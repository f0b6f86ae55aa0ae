import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { concat, keccak256, size, slice, type Address, type Hex } from "viem";
import { RollupSystemBuilder } from "../../src/system/RollupSystemBuilder.js";
import { validatorAccount } from "../../src/system/validatorKeys.js";
import type { RollupSystem } from "../../src/system/RollupSystem.js";
import { system48AtEpoch } from "../helpers/rollupSystem.js";
import { expectRefused } from "../helpers/expectRefused.js";
import { encodeAttestations, packCommittee, signAttestations } from "../../src/sequencer/attestations.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

const EPOCH = 2n;
const SLOT = EPOCH * 32n + 4n;

async function system48(): Promise<RollupSystem> {
  return system48AtEpoch(connection, EPOCH);
}

/** Committee members other than the proposer, then the proposer (who always signs in these tests). */
function members(committee: readonly Address[], proposer: Address, count: number): Address[] {
  return [...committee.filter((a) => a !== proposer).slice(0, count - 1), proposer];
}

describe("Rollup.propose attestations", () => {
  it("accepts exactly floor(2n/3)+1 = 11 of 16 signatures and refuses 10", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const ten = await system.attest(
      p.block.header,
      p.committee.committee,
      members(p.committee.committee, p.proposer!.address, 10),
    );
    await expectRefused(system, () => system.send(p, { attestations: ten }), "Rollup__InsufficientAttestations", [
      11n,
      10n,
    ]);
    await system.send(p); // 11 signatures
    expect((await system.rollup.read.getPendingTip())[0]).to.equal(1n);
  });

  it("refuses a signature over another header", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const other = { ...p.block.header, totalFees: 1n };
    const signers = members(p.committee.committee, p.proposer!.address, 11);
    const good = await system.attest(p.block.header, p.committee.committee, signers);
    const bad = await system.attest(other, p.committee.committee, signers.slice(0, 1));
    // Replace the first signature (lowest committee index) with one over another header.
    const tampered = { ...good, signatures: concat([bad.signatures, slice(good.signatures, 65)]) };
    const firstIndex = BigInt(good.signerBitmap.toString(2).split("").reverse().indexOf("1"));
    await expectRefused(system, () => system.send(p, { attestations: tampered }), "Rollup__InvalidAttestation", [
      firstIndex,
      p.committee.committee[Number(firstIndex)],
      (v: Address) => v !== p.committee.committee[Number(firstIndex)],
    ]);
  });

  it("refuses a signature by a validator outside the committee placed at a member's index", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const outsider = validatorAccount(10_001);
    const typed = await signAttestations({
      chainId: await system.chainId(),
      rollup: system.rollup.address,
      header: p.block.header,
      committee: [...p.committee.committee.slice(0, 15), outsider.address],
      signers: [outsider],
    });
    const signers = members(p.committee.committee, p.proposer!.address, 11).filter(
      (a) => a !== p.committee.committee[15],
    );
    const sigs = new Map<number, Hex>();
    const honest = await system.attest(p.block.header, p.committee.committee, signers);
    const indices = [...Array(16).keys()].filter((i) => (honest.signerBitmap >> BigInt(i)) & 1n);
    indices.forEach((index, k) => sigs.set(index, slice(honest.signatures, 65 * k, 65 * (k + 1))));
    sigs.set(15, typed.signatures);
    await expectRefused(
      system,
      () => system.send(p, { attestations: encodeAttestations(sigs) }),
      "Rollup__InvalidAttestation",
      [15n, p.committee.committee[15], outsider.address],
    );
  });

  it("refuses signatures that are not 65 bytes per marked signer", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const short = {
      ...p.attestations,
      signatures: slice(p.attestations.signatures, 0, size(p.attestations.signatures) - 1),
    };
    await expectRefused(system, () => system.send(p, { attestations: short }), "Rollup__MalformedSignatures", [
      11n * 65n,
      11n * 65n - 1n,
    ]);
  });

  it("refuses a signer bitmap that marks an index beyond the committee", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const bitmap = p.attestations.signerBitmap | (1n << 16n);
    await expectRefused(
      system,
      () => system.send(p, { attestations: { ...p.attestations, signerBitmap: bitmap } }),
      "Rollup__SignerOutOfRange",
      [16n, bitmap],
    );
  });

  it("refuses a committee that is not the epoch's", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const swapped = [...p.committee.committee];
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    const stored = await system.rollup.read.getCommitteeHash([EPOCH]);
    await expectRefused(system, () => system.send(p, { committee: packCommittee(swapped) }), "Rollup__WrongCommittee", [
      stored,
      keccak256(packCommittee(swapped)),
    ]);
  });

  it("refuses a committee that is not whole 20-byte addresses", async () => {
    const system = await networkHelpers.loadFixture(system48);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    const bad = slice(packCommittee(p.committee.committee), 0, 319);
    await expectRefused(system, () => system.send(p, { committee: bad }), "Rollup__MalformedCommittee", [319n]);
  });
});

describe("Rollup.propose without a committee", () => {
  it("refuses a block in an epoch without validators unless the rollup bootstraps", async () => {
    const system = await new RollupSystemBuilder(connection).withValidators(0).build();
    await system.warpToEpoch(EPOCH);
    await system.atSlot(SLOT);
    const p = await system.prepare(SLOT);
    expect(p.committee.committee).to.deep.equal([]);
    await expectRefused(system, () => system.send(p, { sender: validatorAccount(7) }), "Rollup__EmptyCommittee", [
      EPOCH,
    ]);
  });

  it("lets anyone propose while the committee is empty in bootstrap mode", async () => {
    const system = await new RollupSystemBuilder(connection).withValidators(0).withBootstrap().build();
    await system.warpToEpoch(EPOCH);
    expect(await system.rollup.read.getCurrentProposer()).to.equal("0x0000000000000000000000000000000000000000");
    const { receipt } = await system.proposeAt(SLOT);
    expect(receipt.status).to.equal("success");
    expect((await system.rollup.read.getPendingTip())[0]).to.equal(1n);
  });
});
