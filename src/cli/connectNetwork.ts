import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import { CommandError } from "./CommandError.js";

/**
 * Connects to `--network`. A forked in-process network (`sepoliaFork`) whose config names no block forks the
 * remote chain's head, read with `eth_blockNumber` just before (EDR alone forks a safety margin behind it, so a
 * simulation or a status would run on state minutes old); `SEPOLIA_FORK_BLOCK` in hardhat.config.ts pins a block.
 */
export async function connectNetwork(hre: HardhatRuntimeEnvironment): Promise<NetworkConnection> {
  const name = hre.globalOptions.network ?? "default";
  const config = hre.config.networks[name];
  if (config?.type !== "edr-simulated" || config.forking === undefined || !config.forking.enabled) {
    return hre.network.create();
  }
  if (config.forking.blockNumber !== undefined) return hre.network.create();
  const url = await config.forking.url.get();
  const head = await remoteBlockNumber(url, config.forking.httpHeaders);
  return hre.network.create({ override: { forking: { url, blockNumber: head } } });
}

async function remoteBlockNumber(url: string, headers: Record<string, string> = {}): Promise<bigint> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
    });
    const { result } = (await response.json()) as { result?: string };
    if (result === undefined) throw new Error("no result");
    return BigInt(result);
  } catch (error) {
    throw new CommandError(
      "The forked network's RPC does not answer eth_blockNumber.",
      "a reachable JSON-RPC URL",
      (error as Error).message,
    );
  }
}
