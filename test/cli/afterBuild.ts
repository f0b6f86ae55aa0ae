import { describe, it } from "mocha";
import { expect } from "chai";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { afterBuild } from "../../src/cli/afterBuild.js";

/** A stand-in Hardhat runtime whose `build` task records its arguments. */
function fakeHre(calls: unknown[]) {
  return { tasks: { getTask: (name: string) => ({ run: async (args: unknown) => calls.push([name, args]) }) } };
}

describe("cli/afterBuild: a command on a checkout whose contracts were never compiled", () => {
  it("with the artifacts present, the action is the command's own, loaded as is", async () => {
    const own = { default: async () => "ran" };
    const loaded = await afterBuild(async () => own, import.meta.filename)();
    expect(loaded).to.equal(own);
  });

  it("without them, the action builds first (quietly, no tests), then loads and runs the command with its arguments", async () => {
    const calls: unknown[] = [];
    let loads = 0;
    const load = async () => {
      loads++;
      return { default: async (args: never) => ["ran", args, calls.length] };
    };
    const action = await afterBuild(load, "/nonexistent/Rollup.json")();
    expect(loads).to.equal(0); // nothing of the command's code is imported before the build
    const hre = fakeHre(calls) as unknown as HardhatRuntimeEnvironment;
    const result = await (action.default as (a: never, h: HardhatRuntimeEnvironment) => Promise<unknown>)(
      { phase: "phase1" } as never,
      hre,
    );
    expect(calls).to.deep.equal([["build", { quiet: true, noTests: true }]]);
    expect(result).to.deep.equal(["ran", { phase: "phase1" }, 1]);
  });
});
