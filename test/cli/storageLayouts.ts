import { describe, it } from "mocha";
import { expect } from "chai";
import { layoutDifferences, type StorageLayout } from "../../src/build/storageLayouts.js";

const escrow: StorageLayout = {
  storage: ["0 +0 _owner: address", "7 +0 totalStaked: uint256"],
  structs: { "struct StakingEscrow.PendingExit": ["0 +0 recipient: address", "0 +20 exitableAt: uint48"] },
};

describe("storage layout check", () => {
  it("finds no difference between equal layouts", () => {
    expect(layoutDifferences({ Escrow: escrow }, { Escrow: structuredClone(escrow) })).to.deep.equal([]);
  });

  it("reports a moved variable and a reordered struct field", () => {
    const moved = { ...escrow, storage: ["0 +0 _owner: address", "8 +0 totalStaked: uint256"] };
    const reordered = {
      ...escrow,
      structs: { "struct StakingEscrow.PendingExit": ["0 +0 exitableAt: uint48", "0 +6 recipient: address"] },
    };
    expect(layoutDifferences({ Escrow: escrow }, { Escrow: moved })).to.deep.equal(["Escrow: layout changed"]);
    expect(layoutDifferences({ Escrow: escrow }, { Escrow: reordered })).to.deep.equal(["Escrow: layout changed"]);
  });

  it("reports a contract that left the build and one the snapshot lacks", () => {
    expect(layoutDifferences({ Escrow: escrow }, { Registry: escrow })).to.deep.equal([
      "Escrow: no longer built",
      "Registry: new contract, not in the snapshot",
    ]);
  });
});
