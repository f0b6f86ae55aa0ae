import type { Address, Hash } from "viem";
import type { NetworkConnection } from "hardhat/types/network";
import { loadGovernance } from "./loadGovernance.js";
import { CommandError } from "../cli/CommandError.js";
import { SIGNAL_TYPES } from "./signSignal.js";

/**
 * Signals `payload` for the current slot of the canonical rollup as `signer` (one of the connection's accounts),
 * which must be the slot's proposer. With `relayer`, the signer signs the EIP-712 digest and `relayer` sends it.
 */
export async function signalPayload(
  connection: NetworkConnection,
  {
    governance,
    payload,
    signer,
    relayer,
  }: { governance: Address; payload: Address; signer: Address; relayer?: Address },
): Promise<{ hash: Hash; rollup: Address; slot: bigint }> {
  const { proposer, registry, publicClient } = await loadGovernance(connection, governance);
  const rollupAddress = await registry.read.getCanonicalRollup();
  const rollup = await connection.viem.getContractAt("IRollup", rollupAddress);
  const [slot, current] = await Promise.all([rollup.read.getCurrentSlot(), rollup.read.getCurrentProposer()]);
  if (current.toLowerCase() !== signer.toLowerCase()) {
    throw new CommandError("The signer is not the proposer of the current slot.", current, signer);
  }
  let hash: Hash;
  if (relayer === undefined) {
    hash = await proposer.write.signal([payload], { account: signer });
  } else {
    const wallet = await connection.viem.getWalletClient(signer);
    const signature = await wallet.signTypedData({
      account: signer,
      domain: {
        name: "GovernanceProposer",
        version: "1",
        chainId: await publicClient.getChainId(),
        verifyingContract: proposer.address,
      },
      types: SIGNAL_TYPES,
      primaryType: "Signal",
      message: { payload, rollup: rollupAddress, slot },
    });
    hash = await proposer.write.signalWithSig([payload, slot, signature], { account: relayer });
  }
  await publicClient.waitForTransactionReceipt({ hash });
  return { hash, rollup: rollupAddress, slot };
}
