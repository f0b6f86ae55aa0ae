import { describe, it } from "mocha";
import { expect } from "chai";
import { BaseError, TransactionRevertedError } from "../../src/errors/BaseError.js";
import { CommandError } from "../../src/cli/CommandError.js";
import { oneLineMessage } from "../../src/cli/runCommandLine.js";

describe("BaseError", () => {
  it("says what went wrong, what was expected and what was given, on one line", () => {
    const error = new BaseError("The round has not ended.", { expected: "a round below 3", given: "3" });
    expect(error.shortMessage).to.equal("The round has not ended.");
    expect(error.metaMessages).to.deep.equal(["Expected: a round below 3.", "Given: 3."]);
    expect(error.message).to.equal("The round has not ended. Expected: a round below 3. Given: 3.");
  });

  it("is the base of the command and transaction errors, which commands print whole", () => {
    const command = new CommandError("Missing --file.", "a JSON file path", "nothing");
    expect(command).to.be.instanceOf(BaseError);
    expect(oneLineMessage(command)).to.equal("Missing --file. Expected: a JSON file path. Given: nothing.");
    const reverted = new TransactionRevertedError("Batch 1/2", "0x12");
    expect(reverted.message).to.equal("Batch 1/2 reverted (tx 0x12). Expected: success. Given: reverted.");
  });

  it("prints only the short message of another library's error", () => {
    const viemLike = Object.assign(new Error("long\ndetails"), { shortMessage: "Execution reverted." });
    expect(oneLineMessage(viemLike)).to.equal("Execution reverted.");
  });
});
