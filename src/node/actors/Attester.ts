import { type Address, type Hex, type LocalAccount, commitmentToVersionedHash, hashTypedData } from "viem";
import { fastBytesToHex as bytesToHex, fastHexToBytes as hexToBytes } from "../../blob/hexBytes.js";
import { getCKzg } from "../../blob/kzg.js";
import { hashVersionedHashes } from "../../blob/encodeBlobs.js";
import { type SlotClock, slotAt } from "../../chain/time.js";
import { type AttestationDomain, attestationTypedDataOf } from "../../sequencer/attestations.js";
import { hashHeader, type L2Header } from "../../sequencer/header.js";
import type { SourcedBlob } from "../blobs/types.js";
import { verifyBlobs } from "../blobs/verifyBlobs.js";
import type { VerifiedBlobs } from "../blobs/VerifiedBlobs.js";
import type { NodeStore } from "../store/NodeStore.js";
import type { FollowerChainReader } from "./followerChainReader.js";
import { SigningProtection } from "./SigningProtection.js";

/** What a proposer asks the committee to sign: the header, its blobs, and the epoch's committee. */
export type AttestationRequest = { header: L2Header; blobs: readonly SourcedBlob[]; committee: readonly Address[] };

export type AttesterRefusal =
  /** The header's slot is not the current one. */
  | "wrongSlot"
  /** The header does not extend the pending tip the attester's follower holds. */
  | "notOnTip"
  /** The tip it extends has blobs the follower could not have or match. */
  | "tipUnavailable"
  /** The proposal's blobs do not match its header. */
  | "blobsInvalid"
  /** None of the attester's keys sits on the committee. */
  | "notInCommittee"
  /** Its keys signed another proposal in this slot (signing protection). */
  | "alreadySigned"
  /** Its committee keys are paused by the operator. */
  | "paused";

/** What one attester did with a request. */
export type AttesterResult =
  | { status: "signed"; slot: bigint; headerHash: Hex; signatures: { attester: Address; signature: Hex }[] }
  | { status: "refused"; slot: bigint; headerHash: Hex; reason: AttesterRefusal; detail: string };

export type AttesterParameters = {
  /** The node store its follower writes; also holds the signing-protection record. */
  store: NodeStore;
  reader: FollowerChainReader;
  clock: SlotClock;
  domain: AttestationDomain;
  /** The validator keys this node attests with. */
  accounts: readonly LocalAccount[];
  /** The current time in L1 seconds (e.g. the latest L1 block's timestamp + 1). */
  now: () => Promise<bigint>;
  /** Keys the operator paused (maintenance, a simulated outage): they sign nothing while paused. */
  paused?: (account: Address, slot: bigint) => boolean;
  /** The node's record of blobs already checked (shared with its follower and prover). */
  verified?: VerifiedBlobs;
};

/**
 * An attester: `handle(request)` signs a proposal only if it is for the current slot, extends the pending tip its
 * follower holds (whose blobs the follower found available), carries blobs that match the header, and none of its
 * keys signed another proposal in that slot (`SigningProtection`, in the node store). The same proposal again
 * (a re-proposal after a reorg) is signed again.
 */
export class Attester {
  private readonly protection: SigningProtection;

  constructor(private readonly p: AttesterParameters) {
    this.protection = new SigningProtection(p.store);
  }

  /** The node's record of checked blobs this attester shares (the p2p layer checks proposals through it). */
  get verified(): VerifiedBlobs | undefined {
    return this.p.verified;
  }

  async handle({ header, blobs, committee }: AttestationRequest): Promise<AttesterResult> {
    const slot = header.slot;
    const headerHash = hashHeader(header);
    const refuse = (reason: AttesterRefusal, detail: string): AttesterResult => ({
      status: "refused",
      slot,
      headerHash,
      reason,
      detail,
    });
    const current = slotAt(this.p.clock, await this.p.now());
    if (slot !== current) return refuse("wrongSlot", `slot ${slot}, the current slot is ${current}`);
    const tip = await this.p.reader.pendingTip();
    if (header.blockNumber !== tip.blockNumber + 1n || header.lastArchive !== tip.archive)
      return refuse("notOnTip", `block ${header.blockNumber} on ${header.lastArchive}, the tip is ${tip.blockNumber}`);
    const tipRow = this.p.reader.block(tip.blockNumber);
    if (tipRow?.availability === "unavailable")
      return refuse("tipUnavailable", `block ${tip.blockNumber}: ${tipRow.availabilityReason}`);
    // Seats first: a node with no key on the committee has no reason to check the blobs.
    const seated = this.p.accounts.filter((a) => committee.some((m) => m.toLowerCase() === a.address.toLowerCase()));
    if (seated.length === 0) return refuse("notInCommittee", `none of ${this.p.accounts.length} keys`);
    const blobError = checkProposalBlobs(header, blobs, this.p.verified);
    if (blobError !== null) return refuse("blobsInvalid", blobError);
    const members = seated.filter((a) => this.p.paused?.(a.address, slot) !== true);
    if (members.length === 0) return refuse("paused", `all ${seated.length} committee keys are paused`);
    for (const account of members) {
      const other = this.protection.signed(account.address, slot);
      if (other !== undefined && other !== headerHash)
        return refuse("alreadySigned", `${account.address} signed ${other} in slot ${slot}`);
    }
    for (const account of members) {
      const other = this.protection.claim(account.address, slot, headerHash);
      if (other !== null) return refuse("alreadySigned", `${account.address} signed ${other} in slot ${slot}`);
    }
    const typedData = attestationTypedDataOf(this.p.domain, headerHash);
    // The EIP-712 digest once for all keys (what each `signTypedData` would hash again): the same signatures.
    const digest = hashTypedData(typedData);
    const signatures = [];
    for (const account of members) {
      const signature =
        account.sign === undefined ? await account.signTypedData!(typedData) : await account.sign({ hash: digest });
      signatures.push({ attester: account.address, signature });
    }
    return { status: "signed", slot, headerHash, signatures };
  }
}

/**
 * Whether a proposal's blobs match its header: each has a valid commitment, their versioned hashes hash to the
 * header's `blobsHash`, and the served KZG proofs verify. Null when they match, else the reason (what an attester
 * and the p2p layer's proposal validation both check).
 */
export function checkProposalBlobs(
  header: L2Header,
  blobs: readonly SourcedBlob[],
  verified?: VerifiedBlobs,
): string | null {
  const versionedHashes = blobs.map((b) => versionedHashOf(b));
  if (versionedHashes.includes(null)) return "a blob without a valid commitment";
  if (hashVersionedHashes(versionedHashes as Hex[]) !== header.blobsHash)
    return "the blobs do not hash to the header's blobsHash";
  return verifyBlobs(blobs, versionedHashes as Hex[], verified);
}

/** The versioned hash of a blob from its commitment (computed when the blob came without one), or null. */
function versionedHashOf(blob: SourcedBlob): Hex | null {
  try {
    const commitment = blob.commitment ?? bytesToHex(getCKzg().blobToKzgCommitment(hexToBytes(blob.blob)));
    return commitmentToVersionedHash({ commitment });
  } catch {
    return null;
  }
}
