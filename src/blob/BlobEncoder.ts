import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Hex } from "viem";
import { BaseError } from "../errors/BaseError.js";
import { blobBytesOf, encodeBlobs, encodedBlobsOf, type EncodedBlobs } from "./encodeBlobs.js";

/** Encodes a block's data into blobs with their KZG commitments and proofs. */
export interface BlobEncoder {
  encode(data: Hex): Promise<EncodedBlobs>;
  close(): void;
}

/** Encodes on the calling thread (c-kzg in this process). */
export const inlineBlobEncoder: BlobEncoder = {
  encode: async (data) => encodeBlobs({ data }),
  close() {},
};

/** The KZG worker could not encode (it died, or c-kzg refused the blob). */
export class KzgWorkerError extends BaseError {
  override name = "KzgWorkerError";
}

type Pending = { bytes: Uint8Array[]; resolve: (e: EncodedBlobs) => void; reject: (e: Error) => void };
type Answer = { id: number; commitments?: Uint8Array[]; proofs?: Uint8Array[]; error?: string } | { ready: true };

/**
 * Encodes in a child process running c-kzg (`kzgWorker.cjs`): a blob proof (~50–110 ms) then costs the caller's
 * thread nothing, so a sequencer can encode its next slot's blobs while the node follows L1 and attests. The
 * blobs are split and assembled here (the same code as `encodeBlobs`); only the KZG work moves. Requests are
 * answered in order; the process holds the event loop open only while a request is pending, and exits when
 * `close()` is called or this process goes away.
 */
export class KzgWorkerEncoder implements BlobEncoder {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor() {
    const script = fileURLToPath(new URL("./kzgWorker.cjs", import.meta.url));
    this.child = fork(script, [], { serialization: "advanced", stdio: ["ignore", "ignore", "inherit", "ipc"] });
    this.child.on("message", (answer: Answer) => this.answer(answer));
    this.child.on("exit", (code, signal) => this.fail(`the KZG worker exited (${signal ?? `code ${code}`})`));
    this.child.on("error", (error) => this.fail(`the KZG worker failed: ${error.message}`));
    this.idle();
  }

  encode(data: Hex): Promise<EncodedBlobs> {
    const bytes = blobBytesOf(data);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<EncodedBlobs>((resolve, reject) => {
      this.pending.set(id, { bytes, resolve, reject });
      this.busy();
      this.child.send({ id, blobs: bytes });
    });
  }

  close(): void {
    this.fail("the KZG worker was closed");
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private answer(answer: Answer): void {
    if ("ready" in answer) return;
    const request = this.pending.get(answer.id);
    if (request === undefined) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.idle();
    if (answer.error !== undefined) request.reject(new KzgWorkerError(`KZG worker: ${answer.error}`));
    else request.resolve(encodedBlobsOf(request.bytes, answer.commitments!, answer.proofs!));
  }

  private fail(reason: string): void {
    this.failure ??= new KzgWorkerError(reason);
    for (const request of this.pending.values()) request.reject(this.failure);
    this.pending.clear();
  }

  private busy(): void {
    this.child.ref();
    this.child.channel?.ref();
  }

  private idle(): void {
    this.child.unref();
    this.child.channel?.unref();
  }
}
