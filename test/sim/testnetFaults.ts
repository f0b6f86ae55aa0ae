import { describe, it } from "mocha";
import { expect } from "chai";
import { check, simulate } from "../helpers/simulate.js";

// The fault runs of `npm run testnet` (the rest: test/sim/testnet.ts), a file of their own so that parallel mocha
// runs them beside the others: the longest runs of the suite.
describe("npm run testnet (simulator): faults and forks", () => {
  it("phase 3 with L1 reorgs, offline validators, withheld blobs and equivocation: every reorg is rolled back, the withheld block's epoch is pruned and its committee and the equivocators are slashed, nothing is lost or counted twice", async () => {
    const { report, timeline } = await simulate(
      ...["--phase", "3", "--slots", "150", "--seed", "193", "--reorg-rate", "0.1", "--offline-rate", "0.05"],
      ...[
        "--withhold-rate",
        "0.02",
        "--equivocate",
        "2",
        "--parameters",
        "ignition/parameters/overrides/short-rounds.json",
      ],
    );
    expect(report.faults.withheld.injected).to.equal(1);
    expect(report.reorgsInjected).to.be.greaterThan(5);
    expect(report.reorgsRecovered).to.equal(report.reorgsInjected);
    expect(report.faults.offline.validatorSlots).to.be.greaterThan(0);
    expect(report.prunes).to.equal(1);
    const withheldSlot = timeline.find((r) => r.events.some((e) => e.kind === "withheld"))!.slot;
    const pruneSlot = timeline.find((r) => r.events.some((e) => e.kind === "prune"))!.slot;
    // the window of the withheld epoch closes at the start of epoch E+2: the first online proposer after it prunes
    const deadline = (Math.floor(withheldSlot / 32) + 2) * 32;
    expect(pruneSlot).to.be.within(deadline, deadline + 8);
    expect(check(report, "stateMatchesResync")).to.include({ pass: true, figure: "4/4 nodes" });
    expect(check(report, "reorgsRecovered").pass).to.equal(true);
    expect(check(report, "provingKeepsUp").pass, check(report, "provingKeepsUp").detail).to.equal(true);
    // the pruned epoch's committee (which includes the equivocators) is slashed through rounds signalled to quorum
    expect(check(report, "offendersSlashed")).to.include({ pass: true, figure: "16/16" });
    expect(report.faults.equivocations).to.deep.equal({ injected: 2, recovered: 2 });
    expect(report.slashes.length).to.be.greaterThan(0);
    expect(report.slashes.every((x) => BigInt(x.amount) === BigInt(x.validators) * 10n ** 19n)).to.equal(true);
    const committeeSlash = report.slashes.find((x) => x.validators === 16)!;
    expect(committeeSlash.slot).to.be.greaterThan(pruneSlot); // signalled after the prune, executed after the veto round
    expect(timeline.some((r) => r.events.some((e) => e.kind === "slash"))).to.equal(true);
  });

  it("a prover down past the proof window: the epoch is pruned and production resumes (explained by the fault); down to the end, the gate fails naming the unproven epochs", async () => {
    const pruned = await simulate("--slots", "96", "--prover-down-epochs", "0:1");
    expect(pruned.report.prunes).to.equal(1);
    expect(pruned.report.epochsProven).to.be.greaterThan(0);
    expect(check(pruned.report, "provingKeepsUp").pass, check(pruned.report, "provingKeepsUp").detail).to.equal(true);
    expect(pruned.timeline.slice(-16).every((r) => r.proposed)).to.equal(true);

    const down = await simulate("--slots", "40", "--prover-down-epochs", "0:9");
    expect(down.report.gate).to.equal("fail");
    const proving = check(down.report, "provingKeepsUp");
    expect(proving.pass).to.equal(false);
    expect(proving.detail).to.match(/^epochs \d+(, \d+)* were neither proven nor pruned by the end of the run$/);
  });

  it("phase 2 with the soft fork and the governance hard fork: nodes resync and produce again; the upgrade is signalled, voted, executed, and validators (followers and migrated) produce and prove on Rollup v2", async () => {
    const { report, timeline } = await simulate(
      ...["--phase", "2", "--slots", "140", "--soft-fork-at", "2", "--hard-fork-at", "4"],
      ...["--parameters", "ignition/parameters/overrides/short-rounds.json"],
    );
    expect(report.faults.softFork).to.deep.equal({ atSlot: timeline[2].slot, resyncedAtSlot: timeline[2].slot });
    expect(check(report, "softForkRecovered")).to.include({ pass: true, figure: "0 slots" });
    const hardFork = check(report, "hardForkSucceeded");
    expect(hardFork.pass, hardFork.detail).to.equal(true);
    const { executedAtSlot, firstBlockOnNewRollupSlot } = report.faults.hardFork;
    expect(executedAtSlot).to.be.greaterThan(timeline[4].slot);
    // v2's first committee is sampled two epochs after the execution: the nodes switch at that epoch's first slot
    expect(firstBlockOnNewRollupSlot).to.equal((Math.floor(executedAtSlot! / 32) + 2) * 32);
    const v2 = timeline.filter((r) => r.rollupVersion === 2);
    expect(v2.length).to.be.greaterThan(0);
    expect(v2.every((r) => r.proposed)).to.equal(true);
    expect(v2[0].pendingTip).to.equal(1); // block numbers start again on the new Rollup
    expect(timeline.flatMap((r) => r.events.filter((e) => e.kind === "hardFork").map((e) => e.detail))).to.deep.equal([
      "executed",
      "nodes moved to Rollup v2",
    ]);
    expect(check(report, "stateMatchesResync")).to.include({ pass: true, figure: "5/5 nodes" }); // 4 on v2, v1's prover
    expect(report.missedSlots).to.equal(0);
    expect(report.gate).to.equal("pass");
  });
});
