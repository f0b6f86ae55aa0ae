import { type Hex, isHex } from "viem";
import { CommandError } from "../cli/CommandError.js";
import { randomPrivateKey, writeKeystores } from "./keystore.js";
import { readPassword, readSecretLines } from "./password.js";

/** Options of `keys:new` and `keys:import` as the tasks receive them. */
export type KeysArgs = { out: string; count?: string; passwordFile: string; scryptN: string };

/** `keys:new`: `count` fresh keys into keystores in `out`; prints their addresses (never the keys). */
export async function newKeys(a: KeysArgs): Promise<string> {
  const out = requireOut(a.out);
  const count = Number(a.count ?? "1");
  if (!Number.isInteger(count) || count < 1 || count > 10_000) {
    throw new CommandError("--count is out of range.", "an integer from 1 to 10000", JSON.stringify(a.count));
  }
  const scryptN = parseScryptN(a.scryptN);
  const password = await readPassword({ passwordFile: a.passwordFile, prompt: "New keystore password: " });
  const keys = Array.from({ length: count }, () => randomPrivateKey());
  return summary(await writeKeystores(out, keys, password, { scryptN }));
}

/**
 * `keys:import`: private keys read from stdin (one 0x-hex key per line, e.g. piped from a secrets manager) or,
 * on a terminal, from hidden prompts, encrypted into keystores in `out`. Keys are never taken as arguments.
 */
export async function importKeys(a: KeysArgs): Promise<string> {
  const out = requireOut(a.out);
  const scryptN = parseScryptN(a.scryptN);
  const password = await readPassword({ passwordFile: a.passwordFile, prompt: "Keystore password: " });
  const lines = await readSecretLines("Private key (empty line to finish): ");
  if (lines.length === 0) throw new CommandError("No key to import.", "0x-hex private keys on stdin", "none");
  const keys = lines.map((line, i) => {
    const key = (line.startsWith("0x") ? line : `0x${line}`) as Hex;
    if (!isHex(key) || key.length !== 66) {
      throw new CommandError("A line is not a private key.", "32 bytes of hex per line", `line ${i + 1}`);
    }
    return key;
  });
  return summary(await writeKeystores(out, keys, password, { scryptN }));
}

function requireOut(out: string): string {
  if (out === "") throw new CommandError("Missing --out.", "a folder for the keystore files", "nothing");
  return out;
}

function parseScryptN(value: string): number | undefined {
  if (value === "") return undefined;
  if (!/^\d+$/.test(value))
    throw new CommandError("--scrypt-n is not an integer.", "a power of two", JSON.stringify(value));
  return Number(value);
}

function summary(written: { file: string; address: Hex }[]): string {
  return [...written.map((w) => `${w.address} ${w.file}`), `wrote ${written.length} keystores`].join("\n");
}
