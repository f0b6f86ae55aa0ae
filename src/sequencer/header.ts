import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";

/** An L2 block header as `Rollup.propose` takes it (`ProposedHeader`). */
export type L2Header = {
  lastArchive: Hex;
  archive: Hex;
  blockNumber: bigint;
  slot: bigint;
  timestamp: bigint;
  coinbase: Address;
  txCount: bigint;
  inHash: Hex;
  outHash: Hex;
  blobsHash: Hex;
  totalFees: bigint;
};

/** ABI of the `ProposedHeader` tuple, in field order. */
export const headerAbiParameter = {
  type: "tuple",
  components: [
    { name: "lastArchive", type: "bytes32" },
    { name: "archive", type: "bytes32" },
    { name: "blockNumber", type: "uint256" },
    { name: "slot", type: "uint256" },
    { name: "timestamp", type: "uint256" },
    { name: "coinbase", type: "address" },
    { name: "txCount", type: "uint256" },
    { name: "inHash", type: "bytes32" },
    { name: "outHash", type: "bytes32" },
    { name: "blobsHash", type: "bytes32" },
    { name: "totalFees", type: "uint256" },
  ],
} as const;

/** keccak256(abi.encode(header)): what the Rollup stores and committee members sign (via EIP-712). */
export function hashHeader(header: L2Header): Hex {
  return keccak256(encodeAbiParameters([headerAbiParameter], [header]));
}

/**
 * The block's archive: keccak256 of the header without its own archive (the parent's archive included), so
 * archives form a hash chain of headers.
 */
export function computeArchive(header: Omit<L2Header, "archive">): Hex {
  return hashHeader({ ...header, archive: `0x${"00".repeat(32)}` });
}
