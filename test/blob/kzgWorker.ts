import { after, before, describe, it } from "mocha";
import { expect } from "chai";
import type { ChildProcess } from "node:child_process";
import { toHex } from "viem";
import { KzgWorkerEncoder, KzgWorkerError } from "../../src/blob/BlobEncoder.js";
import { encodeBlobs, MAX_BYTES_PER_TRANSACTION } from "../../src/blob/encodeBlobs.js";
import { InvalidParameterError } from "../../src/errors/BaseError.js";

const childOf = (worker: KzgWorkerEncoder) => (worker as unknown as { child: ChildProcess }).child;
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error,
  );

describe("KzgWorkerEncoder: blob commitments and proofs in a c-kzg child process", () => {
  // Each worker loads the trusted setup (~2 s): the first two tests share one.
  let shared: KzgWorkerEncoder;
  before(() => (shared = new KzgWorkerEncoder()));
  after(() => shared.close());

  it("encodes exactly what encodeBlobs computes in process, for one and for several blobs", async () => {
    const small = toHex("a block of one transaction");
    const large = toHex(new Uint8Array(2 * 4096 * 31).map((_, i) => i % 251));
    const [a, b] = await Promise.all([shared.encode(small), shared.encode(large)]);
    expect(a).to.deep.equal(encodeBlobs({ data: small }));
    expect(b.blobs.length).to.equal(3);
    expect(b).to.deep.equal(encodeBlobs({ data: large }));
  });

  it("refuses data larger than a transaction carries before sending anything, and keeps serving", async () => {
    expect(() => shared.encode(toHex(new Uint8Array(MAX_BYTES_PER_TRANSACTION + 1)))).to.throw(
      InvalidParameterError,
      /too large/,
    );
    expect((await shared.encode(toHex("still serving"))).blobs.length).to.equal(1);
  });

  it("rejects the pending and every later request with a KzgWorkerError once the worker died, naming how", async () => {
    const worker = new KzgWorkerEncoder();
    await worker.encode(toHex("warm up"));
    const pending = failureOf(worker.encode(toHex("in flight")));
    childOf(worker).kill("SIGKILL");
    const error = await pending;
    expect(error).to.be.instanceOf(KzgWorkerError);
    expect(error!.message).to.match(/exited \(SIGKILL\)/);
    expect(await failureOf(worker.encode(toHex("after")))).to.be.instanceOf(KzgWorkerError);
    worker.close();
  });

  it("close() stops the child process", async () => {
    const worker = new KzgWorkerEncoder();
    await worker.encode(toHex("one"));
    const child = childOf(worker);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    worker.close();
    await exited;
    expect(child.exitCode !== null || child.signalCode !== null).to.equal(true);
    expect(await failureOf(worker.encode(toHex("closed")))).to.be.instanceOf(KzgWorkerError);
  });
});
