import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Hex } from "viem";
import { BaseError } from "../errors/BaseError.js";
import { blobBytesOf, encodeBlobs, encodedBlobsOf, type EncodedBlobs } from "./encodeBlobs.js";

/** Encodes a block's data into blobs with their KZG commitments and proofs. */
export interface BlobEncoder {
  /** `due`: when the blobs are needed (e.g. the slot): an encoder with a queue serves the earliest first. */
  encode(data: Hex, due?: bigint): Promise<EncodedBlobs>;
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

type Pending = {
  id: number;
  due: bigint | undefined;
  bytes: Uint8Array[];
  resolve: (e: EncodedBlobs) => void;
  reject: (e: Error) => void;
};
type Answer = { id: number; commitments?: Uint8Array[]; proofs?: Uint8Array[]; error?: string } | { ready: true };

/**
 * Encodes in a child process running c-kzg (`kzgWorker.cjs`): a blob proof (~50–110 ms) then costs the caller's
 * thread nothing, so a sequencer can encode its next slot's blobs while the node follows L1 and attests. The
 * blobs are split and assembled here (the same code as `encodeBlobs`); only the KZG work moves. One request is
 * in the worker at a time, the queued one due first next (then the oldest): several sequencers sharing the
 * worker and encoding slots ahead get the imminent slot's blobs first. The process holds the event loop open
 * only while a request is pending, and exits when `close()` is called or this process goes away.
 */
export class KzgWorkerEncoder implements BlobEncoder {
  private readonly child: ChildProcess;
  private readonly queue: Pending[] = [];
  private inWorker: Pending | undefined;
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

  encode(data: Hex, due?: bigint): Promise<EncodedBlobs> {
    const bytes = blobBytesOf(data);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<EncodedBlobs>((resolve, reject) => {
      this.queue.push({ id, due, bytes, resolve, reject });
      this.busy();
      this.next();
    });
  }

  close(): void {
    this.fail("the KZG worker was closed");
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  /** Sends the queued request due first (no due: last; ties: the oldest) when the worker has none. */
  private next(): void {
    if (this.inWorker !== undefined || this.queue.length === 0) return;
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) if (dueBefore(this.queue[i], this.queue[best])) best = i;
    const [request] = this.queue.splice(best, 1);
    this.inWorker = request;
    this.child.send({ id: request.id, blobs: request.bytes });
  }

  private answer(answer: Answer): void {
    if ("ready" in answer) return;
    const request = this.inWorker;
    if (request === undefined || request.id !== answer.id) return;
    this.inWorker = undefined;
    this.next();
    if (this.inWorker === undefined) this.idle();
    if (answer.error !== undefined) request.reject(new KzgWorkerError(`KZG worker: ${answer.error}`));
    else request.resolve(encodedBlobsOf(request.bytes, answer.commitments!, answer.proofs!));
  }

  private fail(reason: string): void {
    this.failure ??= new KzgWorkerError(reason);
    for (const request of [...(this.inWorker === undefined ? [] : [this.inWorker]), ...this.queue])
      request.reject(this.failure);
    this.inWorker = undefined;
    this.queue.length = 0;
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

/** Whether `a` is served before `b`: the earlier due (a request with none comes last), then the older. */
function dueBefore(a: Pending, b: Pending): boolean {
  if (a.due !== b.due) return b.due === undefined || (a.due !== undefined && a.due < b.due);
  return a.id < b.id;
}
