import type { Hex } from "viem";
import type { LocalBlobStore } from "./LocalBlobStore.js";
import { verifyBlobsOfBlocks } from "./verifyBlobs.js";
import type { VerifiedBlobs } from "./VerifiedBlobs.js";
import { type BlobCheck, type BlobChecker, type BlobQuery, type BlobSource, type SourcedBlob } from "./types.js";

/**
 * Tries blob sources in their configured order (e.g. the local store, then a Beacon node): the first whose
 * blobs match the versioned hashes and KZG proofs wins. When none can serve matching blobs the block is
 * `unavailable`, with each source's reason. Blobs `verified` holds (the node's record, shared with its attester and
 * prover) are not checked again.
 */
export class BlobFetcher implements BlobChecker {
  /**
   * `keep`: blobs verified from one of the sources it names are also put in its store, so the node holds what it
   * had to fetch from peers (it can serve them in turn, prove and resync without asking again).
   */
  constructor(
    readonly sources: readonly BlobSource[],
    private readonly verified?: VerifiedBlobs,
    private readonly keep?: KeepFetched,
  ) {}

  async check(query: BlobQuery): Promise<BlobCheck> {
    return (await this.checkMany([query]))[0];
  }

  /**
   * `check` for several blocks: each source is asked for the blocks still unresolved, and the blobs it served for
   * all of them are verified together (one KZG batch); a block whose blobs do not match goes on to the next source.
   */
  async checkMany(queries: readonly BlobQuery[]): Promise<BlobCheck[]> {
    const verdicts: (BlobCheck | undefined)[] = queries.map(() => undefined);
    const reasons: string[][] = queries.map(() => []);
    for (const source of this.sources) {
      const open = queries.flatMap((q, i) => (verdicts[i] === undefined ? [i] : []));
      if (open.length === 0) break;
      const served: { i: number; blobs: SourcedBlob[] }[] = [];
      for (const i of open) {
        try {
          served.push({ i, blobs: await source.blobsFor(queries[i]) });
        } catch (error) {
          reasons[i].push(`${source.name}: ${(error as Error).message.replace(new RegExp(`^${source.name}: `), "")}`);
        }
      }
      const checks = verifyBlobsOfBlocks(
        served.map(({ i, blobs }) => ({ blobs, versionedHashes: queries[i].versionedHashes })),
        this.verified,
      );
      served.forEach(({ i, blobs }, k) => {
        const { verdict, commitments } = checks[k];
        if (verdict !== null) reasons[i].push(`${source.name}: ${verdict}`);
        else {
          verdicts[i] = available(source.name, blobs, commitments);
          if (this.keep?.from.includes(source.name) === true)
            blobs.forEach((b, j) => this.keep!.store.put(b.blob, { commitment: commitments[j], proof: b.proof }));
        }
      });
    }
    return verdicts.map(
      (v, i) =>
        v ?? {
          availability: "unavailable",
          reason: reasons[i].length === 0 ? "no blob source configured" : reasons[i].join("; "),
        },
    );
  }
}

/** Where a node keeps the verified blobs it fetched from the named sources (`node:run`: its store, from `p2p`). */
export type KeepFetched = { store: LocalBlobStore; from: readonly string[] };

/** `blobs` as hex only when read (the follower reads the verdict, the prover the blobs). */
function available(source: string, blobs: SourcedBlob[], commitments: Hex[]): BlobCheck {
  return {
    availability: "available",
    source,
    commitments,
    get blobs() {
      return blobs.map((b) => b.blob);
    },
  };
}
