import { existsSync } from "node:fs";
import { expect } from "chai";
import type { NodeRunProcess } from "../../src/net/nodeProcess.js";

export { type LogLine, type NodeRunProcess, startNodeRun, until } from "../../src/net/nodeProcess.js";

/**
 * Asserts a `node:run` process refused its input as a command must: a non-zero exit, exactly one `error: …` line
 * on stderr matching `error`, and nothing written (no `store` folder). `name` labels the case in failures.
 */
export async function expectRefused(run: NodeRunProcess, name: string, error: RegExp, store: string): Promise<void> {
  const code = await run.exited;
  expect(code, name).to.not.equal(0);
  const lines = run.stderr().trim().split("\n");
  expect(lines, name).to.have.length(1);
  expect(lines[0], name)
    .to.match(/^error: /)
    .and.match(error);
  expect(existsSync(store), `${name}: nothing written`).to.equal(false);
}
