import { bytesToHex, commitmentToVersionedHash, hexToBytes, toBlobs, toHex } from "viem";
import { getCKzg } from "../../src/blob/kzg.js";

/** A blob of `text` with its commitment, KZG proof and versioned hash. */
export function sidecar(text: string) {
  const kzg = getCKzg();
  const blob = toBlobs({ data: toHex(text), to: "hex" })[0];
  const commitment = bytesToHex(kzg.blobToKzgCommitment(hexToBytes(blob)));
  const proof = bytesToHex(kzg.computeBlobKzgProof(hexToBytes(blob), hexToBytes(commitment)));
  return { blob, commitment, proof, versionedHash: commitmentToVersionedHash({ commitment }) };
}
