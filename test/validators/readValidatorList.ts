import { describe, it } from "mocha";
import { expect } from "chai";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getAddress } from "viem";
import { parseValidatorList, readValidatorList, ValidatorListError } from "../../src/validators/readValidatorList.js";

const WITHDRAWER = getAddress("0x00000000000000000000000000000000000000aa");
const A = "0x00000000000000000000000000000000000000a1";
const B = "0x00000000000000000000000000000000000000b2";
const options = { source: "list.json", defaultWithdrawer: WITHDRAWER, defaultFollowCanonical: true };

describe("readValidatorList", () => {
  it("accepts bare addresses and objects, checksums them and applies the defaults", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "validator-list-"));
    const file = path.join(dir, "list.json");
    await writeFile(file, JSON.stringify([A, { attester: B, withdrawer: A, followCanonical: false }]));
    const list = await readValidatorList({ file, defaultWithdrawer: WITHDRAWER });
    expect(list).to.deep.equal([
      { attester: getAddress(A), withdrawer: WITHDRAWER, followCanonical: true },
      { attester: getAddress(B), withdrawer: getAddress(A), followCanonical: false },
    ]);
  });

  it("refuses a file that is not JSON", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "validator-list-"));
    const file = path.join(dir, "list.json");
    await writeFile(file, "not json");
    let error: unknown;
    await readValidatorList({ file, defaultWithdrawer: WITHDRAWER }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ValidatorListError);
    expect((error as Error).message).to.contain("Expected: a readable JSON file");
  });

  it("refuses an empty list (nothing to onboard is a mistake, not a success)", () => {
    expect(() => parseValidatorList([], options)).to.throw(
      ValidatorListError,
      "top level is malformed. Expected: at least one entry. Given: [].",
    );
  });

  it("refuses a list that is not an array", () => {
    expect(() => parseValidatorList({ attester: A }, options)).to.throw(
      ValidatorListError,
      "top level is malformed. Expected: a JSON array",
    );
  });

  it("refuses a malformed or zero address and names the entry", () => {
    expect(() => parseValidatorList([A, "0x12"], options)).to.throw(
      ValidatorListError,
      "entry 2 attester is malformed. Expected:",
    );
    expect(() => parseValidatorList(["0x" + "0".repeat(40)], options)).to.throw(ValidatorListError, "non-zero");
    expect(() => parseValidatorList([{ attester: A, withdrawer: 5 }], options)).to.throw(
      ValidatorListError,
      "entry 1 withdrawer",
    );
  });

  it("refuses a duplicate attester whatever its case", () => {
    expect(() => parseValidatorList([A, A.toUpperCase().replace("0X", "0x")], options)).to.throw(
      ValidatorListError,
      "entry 2 attester is malformed. Expected: a unique attester",
    );
  });

  it("refuses a follow flag that is not a boolean", () => {
    expect(() => parseValidatorList([{ attester: A, followCanonical: "yes" }], options)).to.throw(
      ValidatorListError,
      "entry 1 followCanonical is malformed. Expected: true or false",
    );
  });

  it("keeps a submitted stake consent and refuses one that is not a 65-byte signature", () => {
    const signature = `0x${"ab".repeat(65)}` as const;
    expect(parseValidatorList([{ attester: A, signature }], options)[0].signature).to.equal(signature);
    expect(() => parseValidatorList([{ attester: A, signature: "0x1234" }], options)).to.throw(
      ValidatorListError,
      "entry 1 signature is malformed. Expected: a 65-byte hex signature (the attester's stake consent)",
    );
  });

  it("names the 1-based line of a malformed entry in a file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "validator-list-"));
    const file = path.join(dir, "list.json");
    await writeFile(file, `[\n  "${A}",\n  { "attester": "${B}",\n    "withdrawer": "0x12" }\n]\n`);
    let error: unknown;
    await readValidatorList({ file, defaultWithdrawer: WITHDRAWER }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ValidatorListError);
    expect((error as Error).message).to.equal(
      `${file}: line 3 (entry 2) withdrawer is malformed. Expected: a non-zero 20-byte hex address. Given: "0x12".`,
    );
  });
});
