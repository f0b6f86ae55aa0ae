import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

/** A stream with a `write` method (`process.stdout`, or a test's stand-in). */
type WriteStream = Pick<NodeJS.WriteStream, "write">;

/**
 * Runs `body` while `stream` drops every write made only of line breaks (`console.log()`), then restores the
 * stream. Anything else written meanwhile, warnings and errors included, goes through unchanged.
 */
export async function withoutBlankLines<T>(stream: WriteStream, body: () => Promise<T>): Promise<T> {
  const write = stream.write;
  stream.write = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : "";
    if (text !== "" && /^[\r\n]+$/.test(text)) {
      const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      if (callback !== undefined) process.nextTick(callback);
      return true;
    }
    return (write as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
  } as WriteStream["write"];
  try {
    return await body();
  } finally {
    stream.write = write;
  }
}

/**
 * The build a deployment command runs first, in process: `hardhat build --quiet --no-tests` with the `production`
 * profile unless `--build-profile` says otherwise (as Ignition's CLI). Hardhat's build prints one empty line per
 * compilation job even when quiet (63 on a clean cache); those are dropped from stdout, so a piped deploy prints
 * only its result. Compiler warnings and errors still show.
 */
export async function buildForDeployment(hre: HardhatRuntimeEnvironment, stdout: WriteStream = process.stdout) {
  await withoutBlankLines(stdout, () =>
    hre.tasks.getTask("build").run({ quiet: true, noTests: true, defaultBuildProfile: "production" }),
  );
}
