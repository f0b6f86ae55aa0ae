import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { getAddress } from "viem";
import SystemModule from "../../ignition/modules/System.js";
import { useHardhatNode } from "../helpers/hardhatNode.js";
import { deployRollup } from "./helpers/escrowRollup.js";
import { HARDHAT_CLI } from "../helpers/runHardhat.js";

/**
 * The Sepolia path of `gov:simulate`: `--network sepoliaFork` forks the chain behind `SEPOLIA_RPC_URL` in
 * process and simulates there. Sepolia is unreachable from CI, so a real `npx hardhat node` on a loopback port
 * (started here, stopped by its PID) holds the deployed System and stands in for it.
 */
describe("gov:simulate --network sepoliaFork (a local node standing in for Sepolia)", () => {
  const deploymentId = `simulate-fork-test-${process.pid}`;
  const node = useHardhatNode(deploymentId);

  it("shows the hard fork's canonical-rollup change on the fork and sends nothing to the node", async () => {
    const local = await network.create({ network: "localhost", override: { url: node().url } });
    const [deployer] = await local.viem.getWalletClients();
    const verifier = await local.viem.deployContract("TestVerifier", [deployer.account.address]);
    const s = await local.ignition.deploy(SystemModule, {
      parameters: { System: { verifier: verifier.address } },
      deploymentId,
      displayUi: false,
    });
    const v2 = await deployRollup(local, s.stakingEscrow.address);
    const hardFork = await local.viem.deployContract("HardForkPayload", [
      s.registry.address,
      s.stakingEscrow.address,
      v2.address,
    ]);
    const blockBefore = await (await local.viem.getPublicClient()).getBlockNumber();

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        HARDHAT_CLI,
        "gov:simulate",
        "--network",
        "sepoliaFork",
        "--governance",
        s.governance.address,
        "--payload",
        hardFork.address,
      ],
      { cwd: process.cwd(), env: { ...process.env, SEPOLIA_RPC_URL: node().url } },
    );

    expect(stdout).to.include(
      `Registry.getCanonicalRollup: ${getAddress(s.rollup.address)} -> ${getAddress(v2.address)}`,
    );
    expect(stdout).to.include("RESULT: ok");
    // the fork is the node's head (connectNetwork), not a safety margin behind it
    expect(stdout).to.include(`on a snapshot of block ${blockBefore}`);
    // the node saw no transaction and kept its canonical rollup
    expect(await (await local.viem.getPublicClient()).getBlockNumber()).to.equal(blockBefore);
    expect(await s.registry.read.getCanonicalRollup()).to.equal(getAddress(s.rollup.address));
  });
});
