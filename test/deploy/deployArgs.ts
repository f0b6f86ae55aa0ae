import { describe, it } from "mocha";
import { expect } from "chai";
import { checkDeploymentArgs } from "../../src/deploy/deploySystem.js";
import { runHardhat } from "../helpers/runHardhat.js";

const PHASES = "phase1, phase2, phase3, phase4, stress, sepolia";

describe("deploy:system arguments (refused before anything is built or sent)", () => {
  it("the deployment id defaults to the phase; a given one is kept", () => {
    expect(checkDeploymentArgs("phase2", undefined)).to.equal("phase2");
    expect(checkDeploymentArgs("phase2", "p2-again_1")).to.equal("p2-again_1");
  });

  it("no phase, an unknown phase and a bad id each get one line and a non-zero exit (no phase used to blame the id)", async () => {
    for (const [args, line] of [
      [[], `error: Missing --phase. Expected: ${PHASES}. Given: nothing.`],
      [["--phase", "nope"], `error: --phase is not a parameter set. Expected: ${PHASES}. Given: "nope".`],
      [
        ["--phase", "phase1", "--deployment-id", "a/b"],
        'error: --deployment-id is not an id. Expected: letters, digits, - and _. Given: "a/b".',
      ],
    ] as const) {
      const run = await runHardhat(["deploy:system", ...args]);
      expect(run.code, args.join(" ")).to.not.equal(0);
      expect(run.stderr.trim() || run.stdout.trim(), args.join(" ")).to.equal(line);
    }
  });
});
