import { type Address, type ContractFunctionArgs, type Hex, encodeAbiParameters, getAbiItem, keccak256 } from "viem";
import { outboxAbi } from "../chain/abi.js";

/** An L1→L2 message as the Inbox hashes it. */
export type L1ToL2Message = {
  sender: Address;
  chainId: bigint;
  recipient: Hex;
  version: bigint;
  content: Hex;
  secretHash: Hex;
  /** Global index: `l2BlockNumber * 2^height + position`. */
  index: bigint;
};

/** An L2→L1 message (`L2ToL1Msg` in `MessageHashLib.sol`), typed from the Outbox's ABI. */
export type L2ToL1Message = ContractFunctionArgs<typeof outboxAbi, "nonpayable", "consume">[0];

/** ABI of the `L2ToL1Msg` tuple (the first input of `Outbox.consume`). */
const l2ToL1MessageAbiParameter = getAbiItem({ abi: outboxAbi, name: "consume" }).inputs[0];

/** The Inbox leaf (`MessageHashLib.l1ToL2Leaf`): double keccak256 of the ABI-encoded fields. */
export function l1ToL2Leaf(m: L1ToL2Message): Hex {
  const inner = keccak256(
    encodeAbiParameters(
      [
        { type: "address" },
        { type: "uint256" },
        { type: "bytes32" },
        { type: "uint256" },
        { type: "bytes32" },
        { type: "bytes32" },
        { type: "uint256" },
      ],
      [m.sender, m.chainId, m.recipient, m.version, m.content, m.secretHash, m.index],
    ),
  );
  return keccak256(inner);
}

/** The Outbox leaf (`MessageHashLib.l2ToL1Leaf`) of `message` at `leafIndex` of its block's out tree. */
export function l2ToL1Leaf(message: L2ToL1Message, leafIndex: bigint): Hex {
  const inner = keccak256(encodeAbiParameters([l2ToL1MessageAbiParameter, { type: "uint256" }], [message, leafIndex]));
  return keccak256(inner);
}
