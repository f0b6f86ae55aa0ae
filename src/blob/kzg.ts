import cKzg from "c-kzg";
import { defineKzg, type Kzg } from "viem";

let kzg: Kzg | undefined;

/**
 * The process-wide KZG instance (c-kzg 4 behind viem's `Kzg` interface). The trusted setup (~2 s) is loaded
 * on first use only, then shared by every blob encoder, sender and prover in the process.
 */
export function getKzg(): Kzg {
  if (kzg === undefined) {
    cKzg.loadTrustedSetup(0);
    kzg = defineKzg(cKzg);
  }
  return kzg;
}
