import cKzg from "c-kzg";
import { defineKzg, type Kzg } from "viem";

let loaded = false;
let kzg: Kzg | undefined;

/**
 * The c-kzg module with the Ethereum mainnet trusted setup loaded. The set-up (~2 s) is loaded on first use
 * only and shared by every blob encoder, sender and prover in the process (c-kzg refuses a second load).
 */
export function getCKzg(): typeof cKzg {
  if (!loaded) {
    cKzg.loadTrustedSetup(0);
    loaded = true;
  }
  return cKzg;
}

/** The process-wide KZG instance behind viem's `Kzg` interface (for type-3 transactions). */
export function getKzg(): Kzg {
  kzg ??= defineKzg(getCKzg());
  return kzg;
}
