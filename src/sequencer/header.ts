import { encodeAbiParameters, getAbiItem, keccak256, zeroHash, type ContractFunctionArgs, type Hex } from "viem";
import { rollupAbi } from "../chain/abi.js";

/** An L2 block header as `Rollup.propose` takes it (`ProposedHeader`), typed from the Rollup's ABI. */
export type L2Header = ContractFunctionArgs<typeof rollupAbi, "nonpayable", "propose">[0];

/** ABI of the `ProposedHeader` tuple (the first input of `propose`), in field order. */
export const headerAbiParameter = getAbiItem({ abi: rollupAbi, name: "propose" }).inputs[0];

/** keccak256(abi.encode(header)): what the Rollup stores and committee members sign (via EIP-712). */
export function hashHeader(header: L2Header): Hex {
  return keccak256(encodeAbiParameters([headerAbiParameter], [header]));
}

/**
 * The block's archive: keccak256 of the header without its own archive (the parent's archive included), so
 * archives form a hash chain of headers.
 */
export function computeArchive(header: Omit<L2Header, "archive">): Hex {
  return hashHeader({ ...header, archive: zeroHash });
}
