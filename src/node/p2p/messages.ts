import {
  type Address,
  decodeAbiParameters,
  encodeAbiParameters,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  size,
} from "viem";
import { fastBytesToHex as bytesToHex, fastHexToBytes as hexToBytes } from "../../blob/hexBytes.js";
import { headerAbiParameter, type L2Header } from "../../sequencer/header.js";
import type { SourcedBlob } from "../blobs/types.js";

/** Bytes of one EIP-4844 blob. */
export const BLOB_BYTES = 131_072;
/** Blobs a proposal may carry (the L1 per-transaction limit). */
export const MAX_BLOBS = 6;

/**
 * A block proposal on the wire: the header, its blobs (bytes, commitment and KZG proof each) and the proposer's
 * signature over the header — the EIP-712 `ProposalAttestation` committee members sign, so the proposer's own
 * attestation is in it.
 */
export type ProposalMessage = { header: L2Header; blobs: SourcedBlob[]; signature: Hex };

/** A node's attestations of one header: one EIP-712 signature per committee key it runs. */
export type AttestationMessage = {
  slot: bigint;
  headerHash: Hex;
  attestations: { attester: Address; signature: Hex }[];
};

/** A message that cannot be decoded (wrong framing, sizes or field types). */
export class MalformedMessageError extends Error {
  override name = "MalformedMessageError";
}

const VERSION = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Framing: 1 version byte, a 4-byte big-endian length, that many bytes of JSON, then the blobs' raw bytes (a
 * 128 KiB blob travels as bytes, not as 256 KiB of hex). The header is its ABI encoding (what it hashes to).
 */
function frame(json: unknown, tail: readonly Uint8Array[] = []): Uint8Array {
  const head = encoder.encode(JSON.stringify(json));
  const out = new Uint8Array(5 + head.length + tail.reduce((n, t) => n + t.length, 0));
  out[0] = VERSION;
  new DataView(out.buffer).setUint32(1, head.length);
  out.set(head, 5);
  let at = 5 + head.length;
  for (const t of tail) (out.set(t, at), (at += t.length));
  return out;
}

function unframe(data: Uint8Array): { json: Record<string, unknown>; tail: Uint8Array } {
  if (data.length < 5 || data[0] !== VERSION) throw new MalformedMessageError("unknown framing or version");
  const length = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(1);
  if (5 + length > data.length) throw new MalformedMessageError("truncated");
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(data.subarray(5, 5 + length)));
  } catch {
    throw new MalformedMessageError("not JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new MalformedMessageError("not an object");
  return { json: json as Record<string, unknown>, tail: data.subarray(5 + length) };
}

export function encodeProposal(m: ProposalMessage): Uint8Array {
  return frame(
    {
      header: encodeAbiParameters([headerAbiParameter], [m.header]),
      blobs: m.blobs.map((b) => ({ commitment: b.commitment, proof: b.proof })),
      signature: m.signature,
    },
    m.blobs.map((b) => b.bytes ?? hexToBytes(b.blob)),
  );
}

export function decodeProposal(data: Uint8Array): ProposalMessage {
  const { json, tail } = unframe(data);
  const header = decodeHeader(json.header);
  if (!Array.isArray(json.blobs) || json.blobs.length > MAX_BLOBS) throw new MalformedMessageError("blobs");
  if (tail.length !== json.blobs.length * BLOB_BYTES) throw new MalformedMessageError("blob bytes");
  const blobs = json.blobs.map((b: unknown, i): SourcedBlob => {
    const { commitment, proof } = (b ?? {}) as { commitment?: unknown; proof?: unknown };
    const bytes = tail.slice(i * BLOB_BYTES, (i + 1) * BLOB_BYTES);
    return { blob: bytesToHex(bytes), bytes, commitment: hexOf(commitment, 48), proof: hexOf(proof, 48) };
  });
  return { header, blobs, signature: hexOf(json.signature, 65) };
}

export function encodeAttestations(m: AttestationMessage): Uint8Array {
  return frame({ slot: m.slot.toString(), headerHash: m.headerHash, attestations: m.attestations });
}

export function decodeAttestations(data: Uint8Array): AttestationMessage {
  const { json, tail } = unframe(data);
  if (tail.length !== 0) throw new MalformedMessageError("trailing bytes");
  if (typeof json.slot !== "string" || !/^\d{1,20}$/.test(json.slot)) throw new MalformedMessageError("slot");
  if (!Array.isArray(json.attestations) || json.attestations.length === 0 || json.attestations.length > 256)
    throw new MalformedMessageError("attestations");
  const attestations = json.attestations.map((a: unknown) => {
    const { attester, signature } = (a ?? {}) as { attester?: unknown; signature?: unknown };
    if (typeof attester !== "string" || !isAddress(attester, { strict: false }))
      throw new MalformedMessageError("attester");
    return { attester: getAddress(attester), signature: hexOf(signature, 65) };
  });
  return { slot: BigInt(json.slot), headerHash: hexOf(json.headerHash, 32), attestations };
}

/** The answer to a blob request: the blobs with their commitments and proofs (none: the peer does not hold them). */
export function encodeBlobs(blobs: readonly SourcedBlob[]): Uint8Array {
  return frame(
    { blobs: blobs.map((b) => ({ commitment: b.commitment, proof: b.proof ?? null })) },
    blobs.map((b) => b.bytes ?? hexToBytes(b.blob)),
  );
}

export function decodeBlobs(data: Uint8Array): SourcedBlob[] {
  const { json, tail } = unframe(data);
  if (!Array.isArray(json.blobs) || json.blobs.length > MAX_BLOBS) throw new MalformedMessageError("blobs");
  if (tail.length !== json.blobs.length * BLOB_BYTES) throw new MalformedMessageError("blob bytes");
  return json.blobs.map((b: unknown, i): SourcedBlob => {
    const { commitment, proof } = (b ?? {}) as { commitment?: unknown; proof?: unknown };
    const bytes = tail.slice(i * BLOB_BYTES, (i + 1) * BLOB_BYTES);
    return {
      blob: bytesToHex(bytes),
      bytes,
      commitment: hexOf(commitment, 48),
      proof: proof === null ? undefined : hexOf(proof, 48),
    };
  });
}

function decodeHeader(value: unknown): L2Header {
  if (typeof value !== "string" || !isHex(value)) throw new MalformedMessageError("header");
  try {
    const [header] = decodeAbiParameters([headerAbiParameter], value);
    return header;
  } catch {
    throw new MalformedMessageError("header");
  }
}

function hexOf(value: unknown, bytes: number): Hex {
  if (typeof value !== "string" || !isHex(value, { strict: true }) || size(value) !== bytes)
    throw new MalformedMessageError(`expected ${bytes} bytes of hex`);
  return value.toLowerCase() as Hex;
}
