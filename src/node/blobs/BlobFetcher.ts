import { verifyBlobs } from "./verifyBlobs.js";
import { type BlobCheck, type BlobChecker, type BlobQuery, type BlobSource } from "./types.js";

/**
 * Tries blob sources in their configured order (e.g. the local store, then a Beacon node): the first whose
 * blobs match the versioned hashes and KZG proofs wins. When none can serve matching blobs the block is
 * `unavailable`, with each source's reason.
 */
export class BlobFetcher implements BlobChecker {
  constructor(readonly sources: readonly BlobSource[]) {}

  async check(query: BlobQuery): Promise<BlobCheck> {
    const reasons: string[] = [];
    for (const source of this.sources) {
      try {
        const blobs = await source.blobsFor(query);
        const mismatch = verifyBlobs(blobs, query.versionedHashes);
        if (mismatch === null)
          return { availability: "available", source: source.name, blobs: blobs.map((b) => b.blob) };
        reasons.push(`${source.name}: ${mismatch}`);
      } catch (error) {
        reasons.push(`${source.name}: ${(error as Error).message.replace(new RegExp(`^${source.name}: `), "")}`);
      }
    }
    if (reasons.length === 0) reasons.push("no blob source configured");
    return { availability: "unavailable", reason: reasons.join("; ") };
  }
}
