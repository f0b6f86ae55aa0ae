import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { encodeFunctionData } from "viem";
import { oneLineMessage } from "../../src/cli/runCommandLine.js";

const { viem } = await network.create();

describe("oneLineMessage (every command's refusal line)", () => {
  it("decodes a contract's custom error and its arguments into the one line", async () => {
    const [owner] = await viem.getWalletClients();
    const token = await viem.deployContract("TestStakingAsset", ["T", "T", owner.account.address, 10n, 3_600n]);
    await token.write.faucet();
    const error = await token.write.faucet().then(
      () => undefined,
      (e: unknown) => e,
    );
    const line = oneLineMessage(error);
    expect(line).to.match(/^The contract function "faucet" reverted\. TestStakingAsset__FaucetCooldown\(\d+, \d+\)$/);
    expect(line).to.not.contain("\n");
  });

  it("decodes a custom error viem could not (a raw transaction, no ABI) with the artifacts' ABIs", async () => {
    const [owner] = await viem.getWalletClients();
    const token = await viem.deployContract("TestStakingAsset", ["T", "T", owner.account.address, 10n, 3_600n]);
    const data = encodeFunctionData({ abi: token.abi, functionName: "faucet" });
    await owner.sendTransaction({ to: token.address, data });
    const error = await owner.sendTransaction({ to: token.address, data }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, "the second faucet call reverted").to.not.equal(undefined);
    const line = oneLineMessage(error);
    expect(line).to.match(/ TestStakingAsset__FaucetCooldown\(\d+, \d+\)$/);
    expect(line).to.not.contain("\n");
  });

  it("keeps a plain error's first line", () => {
    expect(oneLineMessage(new Error("first\nsecond"))).to.equal("first");
  });
});
