import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getAddress, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { useHardhatNode } from "../helpers/hardhatNode.js";
import { runHardhat } from "../helpers/runHardhat.js";
import type { DeploymentRecord } from "../../src/deploy/deploymentRecord.js";

/** `npx hardhat node`'s first account: the stand-in deployer whose key goes into the keystore. */
const DEPLOYER_KEY: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/**
 * `deploy:system --network sepolia` as the operator runs it, through the `sepolia` network config (URL and deployer
 * key from Hardhat's keystore), against a local stand-in: `npx hardhat node --chain-id 11155111` on a free loopback
 * port. The keystore is a development keystore made in this test's temporary folder (`XDG_CONFIG_HOME`), the
 * environment holds no Sepolia secret. It checks every transaction sent came from the keystore's key, and that the
 * same command again sends nothing.
 */
describe("deploy:system --network sepolia (a local stand-in answering as chain 11155111)", () => {
  const deploymentId = `sepolia-standin-test-${process.pid}`;
  const node = useHardhatNode(deploymentId, ["--chain-id", "11155111"]);

  it("deploys with the keystore's URL and key, sends only from that key, and repeats as a no-op", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sp-sepolia-"));
    const ignitionDir = path.join(process.cwd(), "ignition", "deployments", `chain-11155111-${deploymentId}`);
    const recordFile = path.join(process.cwd(), "deployments", `11155111-${deploymentId}.json`);
    // no Sepolia secret in the environment, and not "CI": the keystore plugin skips the keystore on CI
    const env: Record<string, string | undefined> = { ...process.env, XDG_CONFIG_HOME: dir };
    for (const name of ["SEPOLIA_RPC_URL", "SEPOLIA_DEPLOYER_KEY", "CI", "CONTINUOUS_INTEGRATION", "GITHUB_ACTIONS"])
      delete env[name];
    const run = (args: string[], input?: string) => runHardhat(args, { env, input });
    try {
      for (const [key, value] of [
        ["SEPOLIA_RPC_URL", node().url],
        ["SEPOLIA_DEPLOYER_KEY", DEPLOYER_KEY],
      ]) {
        const set = await run(["keystore", "set", "--dev", key], value);
        expect(set.code, set.stderr).to.equal(0);
      }
      const local = await network.create({ network: "localhost", override: { url: node().url } });
      const client = await local.viem.getPublicClient();
      expect(await client.getChainId()).to.equal(11155111);
      const deployer = privateKeyToAccount(DEPLOYER_KEY).address;
      const verifier = await local.viem.deployContract("TestVerifier", [deployer]);
      const parameters = path.join(dir, "verifier.json");
      await writeFile(parameters, JSON.stringify({ System: { verifier: verifier.address } }));
      const deploy = () =>
        run([
          "--build-profile",
          "default",
          "deploy:system",
          "--phase",
          "sepolia",
          "--parameters",
          parameters,
          "--deployment-id",
          deploymentId,
          "--json",
          "--network",
          "sepolia",
        ]);

      const from = await client.getBlockNumber();
      const first = await deploy();
      expect(first.code, first.stderr).to.equal(0);
      const record = JSON.parse(first.stdout) as DeploymentRecord & { file: string };
      expect(record.chainId).to.equal(11155111);
      expect(record.ignitionDeploymentId).to.equal(`chain-11155111-${deploymentId}`);
      expect(record.file).to.equal(recordFile);
      expect(JSON.parse(await readFile(recordFile, "utf8")).contracts).to.deep.equal(record.contracts);

      const to = await client.getBlockNumber();
      const senders = new Set<string>();
      let sent = 0;
      for (let n = from + 1n; n <= to; n++) {
        for (const tx of (await client.getBlock({ blockNumber: n, includeTransactions: true })).transactions) {
          senders.add(getAddress(tx.from));
          sent++;
        }
      }
      expect([...senders]).to.deep.equal([deployer], "every transaction from the keystore's key");
      expect(sent).to.be.greaterThan(10);
      const governance = await client.getCode({ address: record.contracts.governance });
      expect(governance?.length ?? 0).to.be.greaterThan(2);

      const again = await deploy();
      expect(again.code, again.stderr).to.equal(0);
      expect((JSON.parse(again.stdout) as DeploymentRecord).contracts).to.deep.equal(record.contracts);
      expect(await client.getBlockNumber()).to.equal(to, "the same deploy again sends nothing");
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(ignitionDir, { recursive: true, force: true });
      await rm(`${ignitionDir}-verifier`, { recursive: true, force: true });
      await rm(recordFile, { force: true });
    }
  });
});
