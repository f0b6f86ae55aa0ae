import type { Address, Hex } from "viem";
import type { AttestationRequest, Attester, AttesterResult } from "./Attester.js";

/** The signatures a proposer collected, and why the attesters that refused did. */
export type CollectedAttestations = {
  signatures: { attester: Address; signature: Hex }[];
  refusals: Extract<AttesterResult, { status: "refused" }>[];
};

/**
 * How a proposer reaches the committee: asks for signatures over a proposal and returns those it got. The
 * in-process collector calls attesters directly; a network transport (libp2p gossipsub, a later issue) implements
 * the same interface.
 */
export interface AttestationCollector {
  collect(request: AttestationRequest): Promise<CollectedAttestations>;
}

/** Attesters of this process (or of a simulated network), asked one after another. */
export class InProcessCollector implements AttestationCollector {
  constructor(private readonly attesters: Attester[] = []) {}

  add(attester: Attester): void {
    this.attesters.push(attester);
  }

  /** Forgets every attester (their nodes stopped). */
  clear(): void {
    this.attesters.length = 0;
  }

  async collect(request: AttestationRequest): Promise<CollectedAttestations> {
    const collected: CollectedAttestations = { signatures: [], refusals: [] };
    for (const attester of this.attesters) {
      const result = await attester.handle(request);
      if (result.status === "signed") collected.signatures.push(...result.signatures);
      else collected.refusals.push(result);
    }
    return collected;
  }
}
