import { describe, it } from "mocha";
import { expect } from "chai";
import { lineShare, readLcov } from "../../src/build/coverage.js";

const LCOV = [
  "TN:",
  "SF:contracts/core/Rollup.sol",
  "DA:10,1",
  "LH:95",
  "LF:100",
  "end_of_record",
  "TN:",
  "SF:contracts/mocks/VotesReference.sol",
  "LH:0",
  "LF:50",
  "end_of_record",
  "TN:",
  "SF:test/core/RollupTestBase.sol",
  "LH:1",
  "LF:10",
  "end_of_record",
  "TN:",
  "SF:contracts/staking/StakingEscrow.sol",
  "LH:180",
  "LF:200",
  "end_of_record",
].join("\n");

describe("coverage gate (npm run check:coverage)", () => {
  it("counts the lines of contracts/ only, without the mocks or the tests' own contracts", () => {
    const files = readLcov(LCOV, { under: "contracts/", skip: ["contracts/mocks/"] });
    expect(files.map((f) => f.file)).to.deep.equal([
      "contracts/core/Rollup.sol",
      "contracts/staking/StakingEscrow.sol",
    ]);
    expect(lineShare(files)).to.equal(275 / 300);
  });

  it("takes an empty report as nothing to cover, and a file with no lines as covered", () => {
    expect(readLcov("")).to.deep.equal([]);
    expect(lineShare([])).to.equal(1);
    expect(lineShare([{ file: "contracts/I.sol", linesFound: 0, linesHit: 0 }])).to.equal(1);
  });
});
