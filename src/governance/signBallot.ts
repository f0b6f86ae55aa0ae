import type { Address, Hex, LocalAccount } from "viem";

/** OpenZeppelin Governor's EIP-712 ballot (Governor.BALLOT_TYPEHASH). */
export const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

/** Parameters of `signBallot`. */
export type SignBallotParameters = {
  account: LocalAccount;
  chainId: number;
  governance: Address;
  proposalId: bigint;
  support: number;
  /** `governance.nonces(voter)`. */
  nonce: bigint;
};

/** Signs a vote a relayer submits with `castVoteBySig`, so a sequencer votes with its stake without paying gas. */
export async function signBallot({
  account,
  chainId,
  governance,
  proposalId,
  support,
  nonce,
}: SignBallotParameters): Promise<Hex> {
  return account.signTypedData({
    domain: { name: "sp-testnet Governance", version: "1", chainId, verifyingContract: governance },
    types: BALLOT_TYPES,
    primaryType: "Ballot",
    message: { proposalId, support, voter: account.address, nonce },
  });
}
