/**
 * Keystore commands (Web3 Secret Storage V3 files; the password from --password-file, $SP_KEYSTORE_PASSWORD or a
 * prompt, never an argument):
 *   npx hardhat keys:new --out keys/attesters --count 48 [--scrypt-n 262144]
 *   some-secret-source | npx hardhat keys:import --out keys/publisher
 * The logic lives in src/keys/; this file only declares the options.
 */
import { task } from "hardhat/config";
import { afterBuild } from "../../src/cli/afterBuild.js";

const OUT = { name: "out", description: "Folder the keystore files are written to", defaultValue: "" } as const;
const PASSWORD_FILE = {
  name: "passwordFile",
  description: "File whose first line is the password (else $SP_KEYSTORE_PASSWORD, else a prompt)",
  defaultValue: "",
} as const;
const SCRYPT_N = {
  name: "scryptN",
  description: "scrypt cost N (default 262144; lower only for tests and throw-away keys)",
  defaultValue: "",
} as const;

export const keysTasks = [
  task("keys:new", "Create new random keys in encrypted keystore files; prints their addresses")
    .addOption(OUT)
    .addOption({ name: "count", description: "How many keys", defaultValue: "1" })
    .addOption(PASSWORD_FILE)
    .addOption(SCRYPT_N)
    .setAction(afterBuild(() => import("./new.js")))
    .build(),
  task("keys:import", "Encrypt private keys read from stdin (one per line) or hidden prompts into keystore files")
    .addOption(OUT)
    .addOption(PASSWORD_FILE)
    .addOption(SCRYPT_N)
    .setAction(afterBuild(() => import("./import.js")))
    .build(),
];
