import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Wallet } from "@ethereumjs/wallet";
import { bytesToHex, type Hex, hexToBytes, type LocalAccount } from "viem";
import { generatePrivateKey } from "viem/accounts";
import { nativeAccount } from "../crypto/nativeAccount.js";
import { CommandError } from "../cli/CommandError.js";

/**
 * The scrypt cost of new keystores: 2^18, the Web3 Secret Storage default (≈ 3 s per key here). Tests and
 * throw-away testnet keys may pass a lower `scryptN` (e.g. 1024) explicitly; decryption reads the cost from the file.
 */
export const DEFAULT_SCRYPT_N = 262_144;

/** Options of new keystore files. */
export type KeystoreOptions = {
  /** scrypt's N (a power of two); default `DEFAULT_SCRYPT_N`. Lower only for tests and throw-away keys. */
  scryptN?: number;
};

/** Encrypts a private key into a Web3 Secret Storage (V3) keystore, as JSON text. */
export async function encryptKeystore(privateKey: Hex, password: string, o: KeystoreOptions = {}): Promise<string> {
  const n = o.scryptN ?? DEFAULT_SCRYPT_N;
  if (!Number.isInteger(n) || n < 2 || (n & (n - 1)) !== 0) {
    throw new CommandError("--scrypt-n is not a power of two.", "2, 4, …, 262144", String(n));
  }
  const wallet = Wallet.fromPrivateKey(hexToBytes(privateKey));
  return wallet.toV3String(password, { kdf: "scrypt", n });
}

/** Decrypts a V3 keystore's JSON text (`file` names it in errors) into a local account. */
export async function decryptKeystore(json: string, password: string, file: string): Promise<LocalAccount> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new CommandError("A keystore file is not JSON.", "a Web3 Secret Storage (V3) keystore", file);
  }
  let wallet: Wallet;
  try {
    wallet = await Wallet.fromV3(parsed as Parameters<typeof Wallet.fromV3>[0], password, true);
  } catch (error) {
    const reason = (error as Error).message;
    const wrong = /passphrase|Key derivation failed/i.test(reason);
    throw new CommandError(
      wrong ? "Wrong keystore password." : `A keystore file cannot be read: ${reason}.`,
      wrong ? "the password the keystore was encrypted with" : "a Web3 Secret Storage (V3) keystore",
      file,
    );
  }
  return nativeAccount(bytesToHex(wallet.getPrivateKey()));
}

/** Reads and decrypts one keystore file. */
export async function readKeystoreFile(file: string, password: string): Promise<LocalAccount> {
  let json: string;
  try {
    json = await readFile(file, "utf8");
  } catch {
    throw new CommandError("Missing keystore file.", "a readable V3 keystore file", file);
  }
  return decryptKeystore(json, password, file);
}

/**
 * Decrypts every `*.json` keystore of `dir` (sorted by name), refusing a missing or empty folder and duplicate
 * keys. All files share one password (one operator, one secret to keep).
 */
export async function readKeystoreDir(dir: string, password: string): Promise<LocalAccount[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch {
    throw new CommandError("Missing keystore folder.", "a folder of V3 keystore files (keys:new)", dir);
  }
  if (names.length === 0) throw new CommandError("No keystore in the folder.", "*.json V3 keystores", dir);
  const accounts: LocalAccount[] = [];
  for (const name of names) accounts.push(await readKeystoreFile(path.join(dir, name), password));
  const seen = new Set<string>();
  for (const a of accounts) {
    if (seen.has(a.address)) throw new CommandError("A key appears twice.", "one keystore per key", a.address);
    seen.add(a.address);
  }
  return accounts;
}

/**
 * Writes one keystore per private key into `dir` as `<index>-<address>.json` (mode 0600), refusing to overwrite
 * a file. Returns the files' paths and addresses.
 */
export async function writeKeystores(
  dir: string,
  privateKeys: readonly Hex[],
  password: string,
  o: KeystoreOptions = {},
): Promise<{ file: string; address: Hex }[]> {
  // Encrypt everything first: a bad option or key writes nothing.
  const encrypted = await Promise.all(privateKeys.map((k) => encryptKeystore(k, password, o)));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const existing = (await readdir(dir)).filter((n) => n.endsWith(".json")).length;
  const written = [];
  for (const [i, json] of encrypted.entries()) {
    const address = `0x${(JSON.parse(json) as { address: string }).address}` as Hex;
    const file = path.join(dir, `${String(existing + i).padStart(4, "0")}-${address}.json`);
    await writeFile(file, json, { mode: 0o600, flag: "wx" });
    written.push({ file, address });
  }
  return written;
}

/** A fresh random private key (viem's CSPRNG-backed generator). */
export function randomPrivateKey(): Hex {
  return generatePrivateKey();
}
