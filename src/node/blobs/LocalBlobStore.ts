import { commitmentToVersionedHash, type Hex } from "viem";
import { fastBytesToHex as bytesToHex, fastHexToBytes as hexToBytes } from "../../blob/hexBytes.js";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { getCKzg } from "../../blob/kzg.js";
import { openDatabase } from "../store/openDatabase.js";
import { BlobSourceError, type BlobQuery, type BlobSource, type SourcedBlob } from "./types.js";

/**
 * The blobs the local sequencer sent, by versioned hash (SQLite, a file or `:memory:`): the local network's
 * stand-in for a Beacon node. It serves them with their commitment and, when the sequencer gave one, the proof.
 */
export class LocalBlobStore implements BlobSource {
  readonly name = "local";
  private readonly db: DatabaseSync;
  private select: StatementSync | undefined;

  constructor(path = ":memory:") {
    this.db = openDatabase(path);
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS blobs (versioned_hash TEXT PRIMARY KEY, blob BLOB NOT NULL, commitment TEXT NOT NULL, proof TEXT) STRICT",
    );
  }

  /** Stores a blob (its commitment computed when not given); returns its versioned hash. */
  put(blob: Hex, opts: { commitment?: Hex; proof?: Hex } = {}): Hex {
    const commitment = opts.commitment ?? bytesToHex(getCKzg().blobToKzgCommitment(hexToBytes(blob)));
    const versionedHash = commitmentToVersionedHash({ commitment });
    this.db
      .prepare("INSERT OR REPLACE INTO blobs (versioned_hash, blob, commitment, proof) VALUES (?, ?, ?, ?)")
      .run(versionedHash, hexToBytes(blob), commitment, opts.proof ?? null);
    return versionedHash;
  }

  async blobsFor(query: BlobQuery): Promise<SourcedBlob[]> {
    this.select ??= this.db.prepare("SELECT blob, commitment, proof FROM blobs WHERE versioned_hash = ?");
    const get = this.select;
    return query.versionedHashes.map((vh) => {
      const row = get.get(vh) as { blob: Uint8Array; commitment: Hex; proof: Hex | null } | undefined;
      if (row === undefined) throw new BlobSourceError(this.name, `no blob ${vh}`);
      const bytes = row.blob;
      // The hex only when a reader wants it (the check works on the bytes).
      return {
        bytes,
        get blob() {
          return bytesToHex(bytes);
        },
        commitment: row.commitment,
        proof: row.proof ?? undefined,
      };
    });
  }

  close(): void {
    this.db.close();
  }
}
