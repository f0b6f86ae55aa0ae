import { describe, it } from "mocha";
import { expect } from "chai";
import { compareGasFigures } from "../../bench/gasReport.js";

describe("gas snapshot check (npm run check:gas)", () => {
  const snapshot = { deposit: 131_192, propose: { committee16: 184_074, committee48: 291_928 } };

  it("passes a run within 1 % of every figure, either way", () => {
    const run = { deposit: 132_400, propose: { committee16: 182_300, committee48: 291_928 } };
    expect(compareGasFigures(snapshot, run)).to.deep.equal([]);
  });

  it("names each figure that moved by more than 1 %, with both values and the change", () => {
    const run = { deposit: 150_000, propose: { committee16: 184_074, committee48: 280_000 } };
    expect(compareGasFigures(snapshot, run)).to.deep.equal([
      "deposit: 131,192 in the snapshot, 150,000 measured (+14.34 %)",
      "propose.committee48: 291,928 in the snapshot, 280,000 measured (-4.09 %)",
    ]);
  });

  it("reports a figure the run no longer measures and a new one the snapshot lacks", () => {
    const run = { deposit: 131_192, propose: { committee16: 184_074 }, slashExecute: { offenders48: 600_000 } };
    expect(compareGasFigures(snapshot, run)).to.deep.equal([
      "propose.committee48: 291,928 in the snapshot, not measured by the run",
      "slashExecute.offenders48: 600,000 measured, not in the snapshot",
    ]);
    // A filtered run (BENCH_FILTER) measures only some figures: the others are not differences.
    expect(compareGasFigures(snapshot, { deposit: 131_192 }, { partial: true })).to.deep.equal([]);
  });
});
