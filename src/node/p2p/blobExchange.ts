import type { Stream } from "@libp2p/interface";
import { isHex, type Hex } from "viem";
import type { LocalBlobStore } from "../blobs/LocalBlobStore.js";
import { BlobSourceError, type BlobQuery, type BlobSource, type SourcedBlob } from "../blobs/types.js";
import { BLOB_BYTES, decodeBlobs, encodeBlobs, MAX_BLOBS } from "./messages.js";
import type { P2PHost } from "./P2PHost.js";

/** The request/response protocol a node serves its blob store on (a node that was down fetches what it missed). */
export const BLOB_PROTOCOL = "/sp-testnet/blobs/1";
const MAX_REQUEST = 4_096;
const MAX_RESPONSE = MAX_BLOBS * BLOB_BYTES + 4_096;
const TIMEOUT_MS = 5_000;

/**
 * Serves `store` to peers: a request is a JSON list of versioned hashes (the writer then closes its side), the
 * answer the blobs with commitments and proofs (`encodeBlobs`; an empty list when this node lacks any of them).
 * The asker verifies what it gets like any blob source's (`BlobFetcher`), so a peer cannot serve wrong data.
 */
export async function serveBlobs(host: P2PHost, store: LocalBlobStore): Promise<void> {
  await host.libp2p.handle(BLOB_PROTOCOL, async (stream) => {
    try {
      const request = JSON.parse(new TextDecoder().decode(await readAll(stream, MAX_REQUEST))) as unknown;
      const valid =
        Array.isArray(request) &&
        request.length <= MAX_BLOBS &&
        request.every((h) => typeof h === "string" && isHex(h) && h.length === 66);
      let blobs: SourcedBlob[] = [];
      if (valid) blobs = await store.blobsFor({ versionedHashes: request as Hex[] } as BlobQuery).catch(() => []);
      await write(stream, encodeBlobs(blobs));
      await stream.close();
    } catch (error) {
      stream.abort(error as Error);
    }
  });
}

/** The name of the peers' blob source (what a node's blob checks report, and what it keeps blobs from). */
export const P2P_BLOB_SOURCE = "p2p";

/** A blob source that asks the connected peers, one after another, until one serves every blob asked. */
export class P2PBlobSource implements BlobSource {
  readonly name = P2P_BLOB_SOURCE;

  constructor(
    private readonly host: P2PHost,
    private readonly maxPeers = 4,
  ) {}

  async blobsFor(query: BlobQuery): Promise<SourcedBlob[]> {
    const peers = this.host.libp2p.getPeers().slice(0, this.maxPeers);
    const reasons: string[] = [];
    for (const peer of peers) {
      try {
        const signal = AbortSignal.timeout(TIMEOUT_MS);
        const stream = await this.host.libp2p.dialProtocol(peer, BLOB_PROTOCOL, { signal });
        await write(stream, new TextEncoder().encode(JSON.stringify(query.versionedHashes)));
        await stream.close();
        const blobs = decodeBlobs(await readAll(stream, MAX_RESPONSE));
        if (blobs.length === query.versionedHashes.length) return blobs;
        reasons.push(`${peer.toString().slice(-8)}: not held`);
      } catch (error) {
        reasons.push(`${peer.toString().slice(-8)}: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    throw new BlobSourceError(this.name, peers.length === 0 ? "no peer connected" : reasons.join("; "));
  }
}

async function readAll(stream: Stream, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = chunk instanceof Uint8Array ? chunk : chunk.subarray();
    length += bytes.length;
    if (length > max) throw new Error(`more than ${max} bytes`);
    chunks.push(bytes);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
}

async function write(stream: Stream, data: Uint8Array): Promise<void> {
  const CHUNK = 64 * 1024;
  for (let at = 0; at < data.length; at += CHUNK) {
    if (!stream.send(data.subarray(at, at + CHUNK))) await stream.onDrain();
  }
}
