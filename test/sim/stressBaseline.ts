import { describe, it } from "mocha";
import { expect } from "chai";
import { scalingCheck } from "../../src/sim/stressBaseline.js";
import type { SimulationReport } from "../../src/sim/types.js";

const report = (validators: number, missedSlots: number, gas: number) =>
  ({ validators, slots: 64, missedSlots, l1GasPerBlock: { mean: gas, p95: gas } }) as SimulationReport;

describe("stress gate: 3,000 validators against the 300-validator baseline", () => {
  it("passes within 5 % (missed-slot share and mean gas per block) and says both runs' figures", () => {
    const check = scalingCheck(report(3000, 3, 780_000), report(300, 0, 763_449));
    expect(check).to.include({ name: "scalesWithValidators", pass: true, figure: "missed 4.7 %, gas ×1.022" });
    expect(check.detail).to.equal(
      "3000 validators: 3/64 slots missed, 780000 gas per block; 300 validators: 0/64 missed, 763449 gas per block",
    );
  });

  it("fails when the large set misses more than 5 % more slots, or costs more than 5 % more gas per block", () => {
    expect(scalingCheck(report(3000, 4, 763_449), report(300, 0, 763_449)).pass).to.equal(false); // +6.3 %
    expect(scalingCheck(report(3000, 0, 801_700), report(300, 0, 763_449)).pass).to.equal(false); // ×1.050…
    expect(scalingCheck(report(3000, 0, 801_600), report(300, 0, 763_449)).pass).to.equal(true); // ×1.0499
  });
});
