import { type Address, getAddress, type Hex, keccak256 } from "viem";
import type { SentProposal } from "../node/actors/Sequencer.js";
import { attestationTypedDataOf, type EquivocationEvidence } from "../node/slasher/offences.js";
import { hashHeader } from "../sequencer/header.js";
import type { AttestationDomain } from "../sequencer/attestations.js";
import { validatorAccount } from "../system/validatorKeys.js";
import { draw } from "./random.js";

/**
 * The `--equivocate K` fault: K validators that signed a proposal also sign a second, different header for the
 * same slot (what a malicious proposer would collect for a competing block). Returns the evidence a collector
 * that saw both signatures holds: one attestation of the real header, one of the other, per equivocator. The K
 * are the proposal's signers drawn by the seed.
 */
export async function equivocationEvidence(p: {
  seed: string;
  proposal: SentProposal;
  count: number;
  domain: AttestationDomain;
  indexOf: (address: Address) => number;
}): Promise<EquivocationEvidence[]> {
  const { header } = p.proposal.block;
  const slot = header.slot;
  const real = hashHeader(header);
  const other = hashHeader({ ...header, archive: keccak256(header.archive) });
  const chosen = signersOf(p.proposal)
    .sort((a, b) => draw(p.seed, "equivocate", slot, a) - draw(p.seed, "equivocate", slot, b))
    .slice(0, p.count);
  const evidence: EquivocationEvidence[] = [];
  for (const attester of chosen) {
    const account = validatorAccount(p.indexOf(attester));
    const sign = (headerHash: Hex) => account.signTypedData(attestationTypedDataOf(p.domain, headerHash));
    evidence.push({
      attester,
      first: { slot, headerHash: real, signature: await sign(real) },
      second: { slot, headerHash: other, signature: await sign(other) },
    });
  }
  return evidence;
}

/** The committee members whose signatures a proposal carries (its bitmap over the packed committee). */
export function signersOf(proposal: SentProposal): Address[] {
  const packed = proposal.committee.slice(2);
  const members = Array.from({ length: packed.length / 40 }, (_, i) =>
    getAddress(`0x${packed.slice(i * 40, i * 40 + 40)}`),
  );
  return members.filter((_, i) => (proposal.attestations.signerBitmap >> BigInt(i)) & 1n);
}
