import type { AttestationRequest } from "../actors/Attester.js";
import type { AttestationCollector, CollectedAttestations } from "../actors/AttestationCollector.js";
import type { NodeMetrics } from "./metrics.js";

/** A collector that times each collection and counts signatures and refusals (by reason) (the node's metrics). */
export class TimedCollector implements AttestationCollector {
  constructor(
    readonly inner: AttestationCollector,
    private readonly metrics: NodeMetrics,
  ) {}

  async collect(request: AttestationRequest): Promise<CollectedAttestations> {
    const end = this.metrics.attestationSeconds.startTimer();
    const collected = await this.inner.collect(request);
    end();
    this.metrics.attestations.inc(collected.signatures.length);
    for (const r of collected.refusals) this.metrics.attestationRefusals.inc({ reason: r.reason });
    return collected;
  }
}
