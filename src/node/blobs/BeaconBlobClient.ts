import { commitmentToVersionedHash, type Hex } from "viem";
import { BlobSourceError, type BlobQuery, type BlobSource, type SourcedBlob } from "./types.js";

export type BeaconBlobClientParameters = {
  /** The Beacon node's REST base URL, e.g. `http://127.0.0.1:5052`. */
  url: string;
  /** `blob_sidecars` (blobs with commitments and proofs) or the newer `blobs` (blobs by versioned hash). */
  endpoint?: "blob_sidecars" | "blobs";
  /** The Beacon `block_id` of the L1 block that carried the blobs (a slot or a beacon block root). */
  blockId: (query: BlobQuery) => string;
  /** Per request. Default 10,000 ms. */
  timeoutMs?: number;
  name?: string;
};

/** `block_id` as the beacon slot of the L1 block's timestamp (post-merge chains: one beacon slot per block). */
export const beaconSlotOf =
  (clock: { beaconGenesisTime: bigint; secondsPerSlot: bigint }) =>
  (q: BlobQuery): string =>
    ((q.l1Timestamp - clock.beaconGenesisTime) / clock.secondsPerSlot).toString();

type Sidecar = { index: string; blob: Hex; kzg_commitment: Hex; kzg_proof: Hex };

/**
 * A Beacon API blob source: `GET /eth/v1/beacon/blob_sidecars/{block_id}` (the blobs whose commitments hash to
 * the wanted versioned hashes, with their proofs) or `GET /eth/v1/beacon/blobs/{block_id}?versioned_hashes=…`.
 * A 404, another status, a timeout or a malformed answer is a `BlobSourceError` naming it.
 */
export class BeaconBlobClient implements BlobSource {
  readonly name: string;

  constructor(private readonly p: BeaconBlobClientParameters) {
    this.name = p.name ?? `beacon ${p.url}`;
  }

  async blobsFor(query: BlobQuery): Promise<SourcedBlob[]> {
    const id = encodeURIComponent(this.p.blockId(query));
    if ((this.p.endpoint ?? "blob_sidecars") === "blobs") {
      const params = query.versionedHashes.map((vh) => `versioned_hashes=${vh}`).join("&");
      const body = (await this.get(`/eth/v1/beacon/blobs/${id}?${params}`)) as { data?: unknown };
      if (!Array.isArray(body.data) || !body.data.every(isHex)) throw this.error("malformed blobs answer");
      return (body.data as Hex[]).map((blob) => ({ blob }));
    }
    const body = (await this.get(`/eth/v1/beacon/blob_sidecars/${id}`)) as { data?: unknown };
    if (!Array.isArray(body.data) || !body.data.every(isSidecar)) throw this.error("malformed blob_sidecars answer");
    const byHash = new Map(
      (body.data as Sidecar[]).map((s) => [commitmentToVersionedHash({ commitment: s.kzg_commitment }), s]),
    );
    return query.versionedHashes.map((vh) => {
      const s = byHash.get(vh);
      if (s === undefined) throw this.error(`block ${id} has no blob sidecar for ${vh}`);
      return { blob: s.blob, commitment: s.kzg_commitment, proof: s.kzg_proof };
    });
  }

  private async get(path: string): Promise<unknown> {
    const timeoutMs = this.p.timeoutMs ?? 10_000;
    let response: Response;
    try {
      response = await fetch(`${this.p.url.replace(/\/$/, "")}${path}`, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const e = error as Error;
      throw this.error(e.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : `unreachable (${e.message})`);
    }
    if (response.status === 404) throw this.error(`404 for ${path.split("?")[0]}`);
    if (!response.ok) throw this.error(`HTTP ${response.status} for ${path.split("?")[0]}`);
    try {
      return await response.json();
    } catch {
      throw this.error("answer is not JSON");
    }
  }

  private error(reason: string): BlobSourceError {
    return new BlobSourceError(this.name, reason);
  }
}

const isHex = (v: unknown): v is Hex => typeof v === "string" && /^0x[0-9a-fA-F]*$/.test(v);
const isSidecar = (v: unknown): v is Sidecar => {
  const s = v as Partial<Sidecar>;
  return typeof v === "object" && v !== null && isHex(s.blob) && isHex(s.kzg_commitment) && isHex(s.kzg_proof);
};
