import type { PrivateKey } from "@libp2p/interface";
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from "@libp2p/crypto/keys";
import type { DatabaseSync } from "node:sqlite";

/**
 * The node's libp2p identity (an Ed25519 key, its peer id) kept in the node store's database, in a table of its
 * own (`p2p_identity`, created on first use) like the signing-protection record: not derived from L1, so a
 * rollback or a resync keeps it and the node's peer id never changes across restarts (bootstrap lists name it).
 * Takes the store's database (`NodeStore.database`, or the store file opened before the node, see `startP2P`).
 */
export async function loadPeerIdentity(db: DatabaseSync): Promise<PrivateKey> {
  db.exec("CREATE TABLE IF NOT EXISTS p2p_identity (id INTEGER PRIMARY KEY CHECK (id = 1), key BLOB NOT NULL) STRICT");
  const row = db.prepare("SELECT key FROM p2p_identity WHERE id = 1").get() as { key: Uint8Array } | undefined;
  if (row !== undefined) return privateKeyFromProtobuf(new Uint8Array(row.key));
  const key = await generateKeyPair("Ed25519");
  db.prepare("INSERT INTO p2p_identity (id, key) VALUES (1, ?)").run(privateKeyToProtobuf(key));
  return key;
}
