import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import {
  type Hex,
  bytesToHex,
  commitmentToVersionedHash,
  concat,
  hexToBytes,
  keccak256,
  numberToHex,
  sha256,
  toBlobs,
  zeroHash,
} from "viem";
import { loadCKzg } from "../../src/prover/loadCKzg.js";
import { batchBlobs } from "../../src/prover/batchBlobs.js";
import { BLS_MODULUS, accumulateEpoch, blobChallenges } from "../../src/prover/blobChallenges.js";

const { viem, networkHelpers } = await network.create();
const kzg = loadCKzg();

function randomBlobs(count: number, seed: number): Hex[] {
  const data = new Uint8Array(count * 100_000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + seed * 7) % 251;
  return [...toBlobs({ data: bytesToHex(data) })].slice(0, count);
}

async function deployFixture() {
  const harness = await viem.deployContract("BlobProofLibHarness");
  const blobs = randomBlobs(3, 1);
  const headers = [keccak256("0x01"), keccak256("0x02")];
  const batched = batchBlobs({
    blocks: [
      { headerHash: headers[0], blobs: blobs.slice(0, 2) },
      { headerHash: headers[1], blobs: blobs.slice(2) },
    ],
    kzg,
  });
  return { harness, blobs, batched, headers };
}

describe("BlobProofLib", () => {
  it("accumulates header hashes and blobs per block and derives the challenges exactly as the off-chain prover", async () => {
    const { harness, batched, headers } = await networkHelpers.loadFixture(deployFixture);
    const vhs = batched.commitments.map((commitment) => commitmentToVersionedHash({ commitment }));
    let acc: Hex = await harness.read.accumulate([zeroHash, headers[0], vhs.slice(0, 2)]);
    acc = await harness.read.accumulate([acc, headers[1], vhs.slice(2)]);
    expect(acc).to.equal(batched.epochAccumulator);
    const blocks = [
      { headerHash: headers[0], versionedHashes: vhs.slice(0, 2) },
      { headerHash: headers[1], versionedHashes: vhs.slice(2) },
    ];
    expect(acc).to.equal(accumulateEpoch(blocks));
    expect(acc).to.not.equal(accumulateEpoch([{ headerHash: headers[0], versionedHashes: vhs }])); // grouping matters
    // A header that differs in any field (e.g. its outHash) changes the accumulator the proof must open.
    expect(acc).to.not.equal(accumulateEpoch([blocks[0], { ...blocks[1], headerHash: keccak256("0x03") }]));
    const [gamma, z] = await harness.read.challenges([acc, batched.commitment]);
    expect({ gamma, z }).to.deep.equal(blobChallenges(acc, batched.commitment));
    expect(z).to.equal(batched.z);
    expect(gamma).to.equal(batched.gamma);
  });

  it("computes the EIP-4844 versioned hash 0x01 ‖ sha256(C)[1:]", async () => {
    const { harness, batched } = await networkHelpers.loadFixture(deployFixture);
    const c = batched.commitments[0];
    expect(await harness.read.versionedHash([c])).to.equal(concat(["0x01", `0x${sha256(c).slice(4)}`]));
    expect(await harness.read.versionedHash([c])).to.equal(commitmentToVersionedHash({ commitment: c }));
  });

  it("accepts the batched opening of c-kzg through the real point evaluation precompile", async () => {
    const { harness, batched } = await networkHelpers.loadFixture(deployFixture);
    const opening = await harness.read.verifyBatchedOpening([batched.epochAccumulator, batched.blobProof]);
    expect(opening.gamma).to.equal(batched.gamma);
    expect(opening.z).to.equal(batched.z);
    expect(opening.y).to.equal(batched.y);
    expect(opening.commitmentHash).to.equal(keccak256(batched.commitment));
  });

  it("batches linearly: y = Σ γ^i p_i(z) for the blobs' own openings", async () => {
    const { blobs, batched } = await networkHelpers.loadFixture(deployFixture);
    const zBytes = hexToBytes(numberToHex(batched.z, { size: 32 }));
    let expected = 0n;
    let power = 1n;
    for (const blob of blobs) {
      const [, yBytes] = kzg.computeKzgProof(hexToBytes(blob), zBytes);
      expected = (expected + power * BigInt(bytesToHex(yBytes))) % BLS_MODULUS;
      power = (power * batched.gamma) % BLS_MODULUS;
    }
    expect(batched.y).to.equal(expected);
    const yBytes = hexToBytes(numberToHex(batched.y, { size: 32 }));
    const commitment = hexToBytes(batched.commitment);
    expect(kzg.verifyKzgProof(commitment, zBytes, yBytes, hexToBytes(batched.kzgProof))).to.equal(true);
  });

  it("takes a blob's checked commitment instead of computing it, with the same batched proof", async () => {
    const { blobs, batched, headers } = await networkHelpers.loadFixture(deployFixture);
    let computed = 0;
    const counting = {
      ...kzg,
      blobToKzgCommitment: (blob: Uint8Array) => {
        computed++;
        return kzg.blobToKzgCommitment(blob);
      },
    };
    const given = blobs.map((blob, i) => ({ blob, commitment: batched.commitments[i] }));
    const again = batchBlobs({
      blocks: [
        { headerHash: headers[0], blobs: given.slice(0, 2) },
        { headerHash: headers[1], blobs: given.slice(2) },
      ],
      kzg: counting,
    });
    expect(again).to.deep.equal(batched);
    expect(computed).to.equal(1); // the combined blob's commitment only
  });

  it("refuses a wrong y (opening of another value)", async () => {
    const { harness, batched } = await networkHelpers.loadFixture(deployFixture);
    const wrongY = concat([
      batched.commitment,
      numberToHex((batched.y + 1n) % BLS_MODULUS, { size: 32 }),
      batched.kzgProof,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      harness.read.verifyBatchedOpening([batched.epochAccumulator, wrongY]),
      harness,
      "BlobProof__PointEvaluationFailed",
      [batched.z, (batched.y + 1n) % BLS_MODULUS],
    );
  });

  it("refuses an opening made for other commitments (z changes with the accumulator)", async () => {
    const { harness, batched } = await networkHelpers.loadFixture(deployFixture);
    const otherAcc = accumulateEpoch([
      {
        headerHash: keccak256("0x01"),
        versionedHashes: batched.commitments.slice(0, 2).map((commitment) => commitmentToVersionedHash({ commitment })),
      },
    ]);
    const { z } = blobChallenges(otherAcc, batched.commitment);
    await viem.assertions.revertWithCustomErrorWithArgs(
      harness.read.verifyBatchedOpening([otherAcc, batched.blobProof]),
      harness,
      "BlobProof__PointEvaluationFailed",
      [z, batched.y],
    );
  });

  it("refuses a blob proof that is not C ‖ y ‖ proof (128 bytes)", async () => {
    const { harness, batched } = await networkHelpers.loadFixture(deployFixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      harness.read.verifyBatchedOpening([batched.epochAccumulator, concat([batched.blobProof, "0x00"])]),
      harness,
      "BlobProof__InvalidLength",
      [128n, 129n],
    );
  });
});
