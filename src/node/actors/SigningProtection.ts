import type { StatementSync } from "node:sqlite";
import type { Address, Hex } from "viem";
import type { NodeStore } from "../store/NodeStore.js";

/**
 * The attester's signing-protection record: for each (attester, slot) the one header hash it signed. A separate
 * table in the node store's database (`signing_protection`, created on first use), not one of the follower's
 * data tables: it is not derived from L1, so a rollback or `dump()` never touches it, and it survives a restart
 * with the store — and a resync: a store reset by `onSchemaChange: "resync"` drops only what L1 gives back, so a
 * validator never signs twice for a slot after its store is rebuilt.
 */
export class SigningProtection {
  private readonly insert: StatementSync;
  private readonly select: StatementSync;

  constructor(store: NodeStore) {
    const db = store.database;
    db.exec(
      "CREATE TABLE IF NOT EXISTS signing_protection (attester TEXT NOT NULL, slot INTEGER NOT NULL, header_hash TEXT NOT NULL, PRIMARY KEY (attester, slot)) STRICT",
    );
    // Prepared once: the committee's members are checked and claimed on every proposal.
    this.insert = db.prepare("INSERT OR IGNORE INTO signing_protection (attester, slot, header_hash) VALUES (?, ?, ?)");
    this.select = db.prepare("SELECT header_hash FROM signing_protection WHERE attester = ? AND slot = ?");
  }

  /**
   * Records that `attester` signs `headerHash` in `slot`, unless it signed another header there: returns that
   * other header's hash (and records nothing), or null when signing is safe. Recorded before the signature is
   * made, in one statement, so a crash between the two can only lose a signature, never allow a second one.
   */
  claim(attester: Address, slot: bigint, headerHash: Hex): Hex | null {
    this.insert.run(attester.toLowerCase(), slot, headerHash);
    const signed = this.signed(attester, slot);
    return signed === headerHash ? null : (signed ?? null);
  }

  /** The header hash `attester` signed in `slot`, if any. */
  signed(attester: Address, slot: bigint): Hex | undefined {
    const row = this.select.get(attester.toLowerCase(), slot) as { header_hash: Hex } | undefined;
    return row?.header_hash;
  }
}
