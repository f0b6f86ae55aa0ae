import { createHash } from "node:crypto";
import { open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The lock file of this project's local chain 31337 records: every `npx hardhat node` this project starts is chain
 * 31337, and its Ignition records (`ignition/deployments/chain-31337*`) and deployment records
 * (`deployments/31337-*.json`) live in the project root, so two such nodes at once (e.g. two mocha workers, or a
 * test run and `npm run testnet`) would read or delete each other's. One file per project root, outside it.
 */
export function localChainLockFile(root = process.cwd()): string {
  const key = createHash("sha256").update(path.resolve(root)).digest("hex").slice(0, 16);
  return path.join(tmpdir(), `sp-testnet-chain-31337-${key}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Waits until this process holds the local chain lock (created with O_EXCL, holding this PID; a lock whose process
 * has exited is stale and taken over) and returns its release. Throws after `timeoutMs`, naming the holder.
 */
export async function acquireLocalChainLock(
  timeoutMs = 30 * 60_000,
  root = process.cwd(),
): Promise<() => Promise<void>> {
  const file = localChainLockFile(root);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
    // An empty file is a holder between its open and its write: wait for it like any other.
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`The local chain 31337 is in use by process ${holder} (${file}); waited ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
