import { after, before, describe, it } from "mocha";
import { expect } from "chai";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { bytesToHex, commitmentToVersionedHash, hexToBytes, toBlobs, toHex, type Hex } from "viem";
import { getCKzg } from "../../src/blob/kzg.js";
import { BeaconBlobClient } from "../../src/node/blobs/BeaconBlobClient.js";
import { BlobFetcher } from "../../src/node/blobs/BlobFetcher.js";
import { LocalBlobStore } from "../../src/node/blobs/LocalBlobStore.js";
import { BlobSourceError, type BlobQuery } from "../../src/node/blobs/types.js";

/** A blob of `text` with its commitment, proof and versioned hash (c-kzg, the trusted setup loaded once). */
function sidecar(text: string, index = 0) {
  const kzg = getCKzg();
  const blob = toBlobs({ data: toHex(text), to: "hex" })[0];
  const commitment = bytesToHex(kzg.blobToKzgCommitment(hexToBytes(blob)));
  const proof = bytesToHex(kzg.computeBlobKzgProof(hexToBytes(blob), hexToBytes(commitment)));
  const versionedHash = commitmentToVersionedHash({ commitment });
  return { index: String(index), blob, kzg_commitment: commitment, kzg_proof: proof, versionedHash };
}

const query = (blockId: number, versionedHashes: Hex[]): BlobQuery => ({
  l1BlockNumber: BigInt(blockId),
  l1BlockHash: `0x${"00".repeat(32)}`,
  l1Timestamp: 0n,
  versionedHashes,
});

describe("Beacon API blob client against a loopback server", () => {
  let server: Server;
  let url = "";
  let a: ReturnType<typeof sidecar>;
  let b: ReturnType<typeof sidecar>;

  before(async () => {
    a = sidecar("block one, blob a");
    b = sidecar("block one, blob b", 1);
    // Blob a's bytes altered, served with a's commitment and proof: the versioned hash matches, the proof must not.
    const tampered = { ...a, blob: (a.blob.slice(0, 10) + "ff" + a.blob.slice(12)) as Hex };
    const strip = ({ versionedHash: _v, ...s }: ReturnType<typeof sidecar>) => ({
      ...s,
      signed_block_header: {},
      kzg_commitment_inclusion_proof: [],
    });
    const routes: Record<string, () => [number, unknown] | "hang"> = {
      "/eth/v1/beacon/blob_sidecars/100": () => [200, { data: [strip(a), strip(b)] }],
      "/eth/v1/beacon/blob_sidecars/101": () => [404, { code: 404, message: "NOT_FOUND: beacon block at slot 101" }],
      "/eth/v1/beacon/blob_sidecars/102": () => "hang",
      "/eth/v1/beacon/blob_sidecars/103": () => [200, { data: [strip(tampered)] }],
      "/eth/v1/beacon/blobs/100": () => [200, { execution_optimistic: false, finalized: true, data: [b.blob] }],
    };
    server = createServer((req, res) => {
      const route = routes[(req.url ?? "").split("?")[0]];
      const answer = route === undefined ? ([404, { code: 404, message: "not found" }] as const) : route();
      if (answer === "hang") return; // never answers: the client's timeout must fire
      res.writeHead(answer[0], { "content-type": "application/json" }).end(JSON.stringify(answer[1]));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (endpoint: "blob_sidecars" | "blobs" = "blob_sidecars") =>
    new BeaconBlobClient({ url, endpoint, blockId: (q) => q.l1BlockNumber.toString(), timeoutMs: 300, name: "beacon" });

  it("serves the blobs of the wanted versioned hashes, in their order, and they check out", async () => {
    const blobs = await client().blobsFor(query(100, [b.versionedHash, a.versionedHash]));
    expect(blobs.map((x) => x.blob)).to.deep.equal([b.blob, a.blob]);
    const check = await new BlobFetcher([client()]).check(query(100, [a.versionedHash, b.versionedHash]));
    expect(check).to.deep.equal({
      availability: "available",
      source: "beacon",
      blobs: [a.blob, b.blob],
      commitments: [a.kzg_commitment, b.kzg_commitment],
    });
  });

  it("reads the newer blobs endpoint by versioned hash", async () => {
    const check = await new BlobFetcher([client("blobs")]).check(query(100, [b.versionedHash]));
    expect(check).to.deep.equal({
      availability: "available",
      source: "beacon",
      blobs: [b.blob],
      commitments: [b.kzg_commitment],
    });
  });

  it("reports a 404, a timeout and a missing sidecar as source errors", async () => {
    await expectSourceError(
      client().blobsFor(query(101, [a.versionedHash])),
      /^beacon: 404 for \/eth\/v1\/beacon\/blob_sidecars\/101$/,
    );
    const started = Date.now();
    await expectSourceError(client().blobsFor(query(102, [a.versionedHash])), /^beacon: timed out after 300 ms$/);
    expect(Date.now() - started).to.be.lessThan(3000);
    await expectSourceError(
      client().blobsFor(query(100, [sidecar("other").versionedHash])),
      /has no blob sidecar for 0x01/,
    );
  });

  it("marks a block whose only source serves a wrong blob unavailable, with the reason", async () => {
    const check = await new BlobFetcher([client()]).check(query(103, [a.versionedHash]));
    expect(check).to.deep.equal({
      availability: "unavailable",
      reason: "beacon: a blob does not match its commitment (KZG proof rejected)",
    });
  });

  it("falls back along the configured order: Beacon 404 and timeout, then the local store", async () => {
    const local = new LocalBlobStore();
    expect(local.put(a.blob, { proof: a.kzg_proof })).to.equal(a.versionedHash);
    const timedOut = new BeaconBlobClient({ url, blockId: () => "102", timeoutMs: 200, name: "slow beacon" });
    const fetcher = new BlobFetcher([client(), timedOut, local]);
    const check = await fetcher.check(query(101, [a.versionedHash]));
    expect(check).to.deep.equal({
      availability: "available",
      source: "local",
      blobs: [a.blob],
      commitments: [a.kzg_commitment],
    });
    const none = await new BlobFetcher([client(), local]).check(query(101, [b.versionedHash]));
    expect(none).to.deep.equal({
      availability: "unavailable",
      reason: `beacon: 404 for /eth/v1/beacon/blob_sidecars/101; local: no blob ${b.versionedHash}`,
    });
    local.close();
  });
});

async function expectSourceError(promise: Promise<unknown>, message: RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(BlobSourceError);
  expect((error as Error).message).to.match(message);
}
