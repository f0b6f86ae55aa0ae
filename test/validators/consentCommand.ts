import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { getAddress } from "viem";
import SystemModule from "../../ignition/modules/System.js";
import { addValidators } from "../../src/validators/addValidators.js";
import { parseValidatorList } from "../../src/validators/readValidatorList.js";
import { useHardhatNode } from "../helpers/hardhatNode.js";
import { HARDHAT_CLI } from "../helpers/runHardhat.js";

/**
 * The participant's side of onboarding: `validators:consent` signs, as the attester, its stake consent and prints
 * the entry it submits; the operator's `addValidators` stakes it. Run against a real `npx hardhat node` on a free
 * loopback port (`--network localhost` with `LOCALHOST_RPC_URL`), the node's own accounts standing in for the
 * participant's keystore key.
 */
describe("validators:consent (a participant's signed entry, staked by the operator)", () => {
  const deploymentId = `consent-command-test-${process.pid}`;
  const node = useHardhatNode(deploymentId);

  it("prints an entry that addValidators accepts, and refuses an attester the network cannot sign for", async () => {
    const local = await network.create({ network: "localhost", override: { url: node().url } });
    const wallets = await local.viem.getWalletClients();
    const [operator] = wallets;
    const attester = wallets[3].account.address;
    const verifier = await local.viem.deployContract("TestVerifier", [operator.account.address]);
    const s = await local.ignition.deploy(SystemModule, {
      parameters: { System: { verifier: verifier.address } },
      deploymentId,
      displayUi: false,
    });
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [HARDHAT_CLI, "validators:consent", "--network", "localhost", ...args], {
        cwd: process.cwd(),
        env: { ...process.env, LOCALHOST_RPC_URL: node().url },
      });
    const common = ["--escrow", s.stakingEscrow.address, "--withdrawer", operator.account.address];
    const { stdout } = await run(["--attester", attester, ...common]);
    const entry = JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>;
    expect(entry.attester).to.equal(getAddress(attester));
    expect(entry.followCanonical).to.equal(true);

    const validators = parseValidatorList([entry], {
      source: "stdout",
      defaultWithdrawer: operator.account.address,
      defaultFollowCanonical: true,
    });
    const result = await addValidators({
      publicClient: await local.viem.getPublicClient(),
      walletClient: operator,
      escrow: s.stakingEscrow.address,
      asset: s.stakingAsset.address,
      validators,
    });
    expect(result.added).to.equal(1);
    expect((await s.stakingEscrow.read.getValidator([attester])).withdrawer).to.equal(
      getAddress(operator.account.address),
    );

    const stranger = "0x00000000000000000000000000000000000000b2";
    const refused = await run(["--attester", stranger, ...common]).then(
      () => undefined,
      (error: { stderr?: string; stdout?: string; code?: number }) => error,
    );
    expect(refused?.code).to.not.equal(0);
    expect(`${refused?.stdout}${refused?.stderr}`).to.contain("The network cannot sign for this attester.");
  });
});
