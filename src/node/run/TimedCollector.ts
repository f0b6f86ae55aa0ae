import type { AttestationRequest } from "../actors/Attester.js";
import type { AttestationCollector, CollectedAttestations } from "../actors/AttestationCollector.js";
import type { NodeMetrics } from "./metrics.js";

/** A collector that times each collection and counts signatures and refusals (by reason) (the node's metrics). */
export class TimedCollector implements AttestationCollector {
  constructor(
    readonly inner: AttestationCollector,
    private readonly metrics: NodeMetrics,
    /** Told of every collection: how long it took and what it got (the node logs it). */
    private readonly observe?: (ms: number, collected: CollectedAttestations, committee: number) => void,
  ) {}

  async collect(request: AttestationRequest): Promise<CollectedAttestations> {
    const start = performance.now();
    const end = this.metrics.attestationSeconds.startTimer();
    const collected = await this.inner.collect(request);
    end();
    this.observe?.(performance.now() - start, collected, request.committee.length);
    this.metrics.attestations.inc(collected.signatures.length);
    for (const r of collected.refusals) this.metrics.attestationRefusals.inc({ reason: r.reason });
    return collected;
  }
}
