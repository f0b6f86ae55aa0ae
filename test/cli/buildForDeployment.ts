import { describe, it } from "mocha";
import { expect } from "chai";
import { withoutBlankLines } from "../../src/cli/buildForDeployment.js";

/** A stand-in for process.stdout that records what reaches it. */
function recordingStream() {
  const written: string[] = [];
  const stream = {
    write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
      written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
      const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      callback?.();
      return true;
    },
  } as Pick<NodeJS.WriteStream, "write">;
  return { stream, written };
}

/**
 * Deploy commands build in process first; Hardhat's quiet build still prints one empty line per compilation job
 * (63 for the production profile on a clean cache). `withoutBlankLines` drops those writes and nothing else.
 */
describe("withoutBlankLines (the deploy commands' build)", () => {
  it("drops writes made only of line breaks and passes everything else through", async () => {
    const { stream, written } = recordingStream();
    let called = 0;
    const result = await withoutBlankLines(stream, async () => {
      stream.write("\n");
      stream.write(Buffer.from("\n\n"));
      stream.write("\r\n", () => called++);
      stream.write("Warning: unused variable\n");
      stream.write("  \n");
      stream.write(new Uint8Array(Buffer.from("compiled\n")));
      await new Promise((resolve) => setImmediate(resolve));
      return 42;
    });
    expect(result).to.equal(42);
    expect(written).to.deep.equal(["Warning: unused variable\n", "  \n", "compiled\n"]);
    expect(called, "a dropped write still calls its callback").to.equal(1);
    stream.write("\n");
    expect(written.at(-1)).to.equal("\n", "the stream is restored afterwards");
  });

  it("restores the stream when the build throws", async () => {
    const { stream, written } = recordingStream();
    const failure = await withoutBlankLines(stream, async () => {
      throw new Error("compilation failed");
    }).catch((error: Error) => error.message);
    expect(failure).to.equal("compilation failed");
    stream.write("\n");
    expect(written).to.deep.equal(["\n"]);
  });
});
