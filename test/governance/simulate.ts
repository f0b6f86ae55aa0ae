import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, zeroAddress } from "viem";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import SystemModule from "../../ignition/modules/System.js";
import { withTestVerifier } from "../../src/deploy/withTestVerifier.js";
import { deployRollup } from "./helpers/escrowRollup.js";
import { deployTestRollup } from "../../src/system/deployTestNetwork.js";
import { simulatePayload } from "../../src/governance/simulatePayload.js";
import { formatSimulation } from "../../src/governance/formatSimulation.js";
import { CommandError } from "../../src/cli/CommandError.js";
import { HARDHAT_CLI } from "../helpers/runHardhat.js";

const connection = await network.create();
const { viem, ignition, networkHelpers } = connection;

/** The whole System (Ignition module), a second Rollup on its escrow, and the hard-fork payload to it. */
async function deployFixture() {
  const system = await ignition.deploy(SystemModule, { parameters: await withTestVerifier(ignition) });
  const rollupV2 = await deployRollup(connection, system.stakingEscrow.address);
  const hardFork = await viem.deployContract("HardForkPayload", [
    system.registry.address,
    system.stakingEscrow.address,
    rollupV2.address,
  ]);
  return { ...system, escrow: system.stakingEscrow, rollupV1: system.rollup, rollupV2, hardFork };
}

describe("gov:simulate (simulatePayload)", () => {
  it("shows the Registry's canonical rollup changing to the new Rollup for the hard-fork payload, then reverts", async () => {
    const { governance, registry, escrow, rollupV1, rollupV2, hardFork } =
      await networkHelpers.loadFixture(deployFixture);
    const blockBefore = await (await viem.getPublicClient()).getBlockNumber();

    const result = await simulatePayload(connection, { governance: governance.address, payload: hardFork.address });
    const output = formatSimulation(result);

    expect(output).to.include(
      `Registry.getCanonicalRollup: ${getAddress(rollupV1.address)} -> ${getAddress(rollupV2.address)}`,
    );
    expect(output).to.include("Registry.numberOfVersions: 1 -> 2");
    expect(output).to.match(/action 1: Registry 0x[0-9a-fA-F]{40}\.addRollup\(0x[0-9a-fA-F]{40}\)  gas \d+/);
    expect(output).to.match(/action 2: StakingEscrow 0x[0-9a-fA-F]{40}\.addRollup\(0x[0-9a-fA-F]{40}\)  gas \d+/);
    expect(output).to.match(/event Registry\.CanonicalRollupUpdated\(rollup=0x[0-9a-fA-F]{40}, version=1\)/);
    expect(output).to.match(/event StakingEscrow\.RollupAdded\(rollup=0x[0-9a-fA-F]{40}, since=\d+\)/);
    expect(output).to.include("RESULT: ok");
    expect(result.actions.map((a) => a.gasUsed! > 21_000n)).to.deep.equal([true, true]);

    // nothing persisted
    expect(await registry.read.getCanonicalRollup()).to.equal(getAddress(rollupV1.address));
    expect(await escrow.read.getFollowersRollup()).to.equal(getAddress(rollupV1.address));
    expect(await escrow.read.isRollup([rollupV2.address])).to.equal(false);
    expect(await (await viem.getPublicClient()).getBlockNumber()).to.equal(blockBefore);
  });

  it("runs a parameter change that targets the Governor itself, as Governor.execute would", async () => {
    const { governance } = await networkHelpers.loadFixture(deployFixture);
    const change = await viem.deployContract("GovernanceParametersPayload", [governance.address, 7200, 259_200, 33n]);

    const output = formatSimulation(
      await simulatePayload(connection, { governance: governance.address, payload: change.address }),
    );

    expect(output).to.include("Governance.votingDelay: 3600 -> 7200");
    expect(output).to.include("Governance.votingPeriod: 86400 -> 259200");
    expect(output).to.include("Governance.quorumNumerator: 20 -> 33");
    expect(await governance.read.votingPeriod()).to.equal(86_400n);
  });

  it("reports an action that would revert and stops there", async () => {
    const { governance, registry, rollupV1, escrow } = await networkHelpers.loadFixture(deployFixture);
    // the escrow refuses a rollup the Registry does not hold canonical: the second action reverts
    const bad = await viem.deployContract("HardForkPayload", [registry.address, escrow.address, rollupV1.address]);
    const result = await simulatePayload(connection, { governance: governance.address, payload: bad.address });
    expect(result.reverted).to.equal(true);
    expect(result.actions).to.have.length(1);
    expect(result.actions[0].revert).to.match(/^Registry__RollupAlreadyRegistered\(0x[0-9a-fA-F]{40}\)$/);
    expect(formatSimulation(result)).to.include(
      `RESULT: failed: action 1 (Registry.addRollup(${getAddress(rollupV1.address)})) reverts Registry__RollupAlreadyRegistered(${getAddress(rollupV1.address)})`,
    );
    expect(await registry.read.numberOfVersions()).to.equal(1n);
  });

  it("fails when every action succeeds but a check after them reverts: a new Rollup whose genesis is still ahead", async () => {
    const { governance, registry, escrow, rollupV1 } = await networkHelpers.loadFixture(deployFixture);
    const [deployer] = await viem.getWalletClients();
    const now = await networkHelpers.time.latest();
    const genesisTime = BigInt(now) + 86_400n;
    // a real Rollup on the system's escrow (the payload's constructor checks that), whose clock starts tomorrow:
    // once canonical, GovernanceProposer cannot tell the current round (no slot before genesis), so nobody can signal
    const { rollup: early } = await deployTestRollup(connection, {
      escrow: escrow.address,
      owner: deployer.account.address,
      genesisTime,
    });
    const payload = await viem.deployContract("HardForkPayload", [registry.address, escrow.address, early.address]);

    const result = await simulatePayload(connection, { governance: governance.address, payload: payload.address });

    expect(result.actions.map((a) => [a.revert, a.gasUsed! > 21_000n])).to.deep.equal([
      [undefined, true],
      [undefined, true],
    ]);
    expect(result.reverted).to.equal(true);
    const round = result.after?.find((r) => r.label === "signalling round (GovernanceProposer)");
    expect(round?.revert).to.match(new RegExp(`^TimeLib__BeforeGenesis\\(${genesisTime}, \\d+\\)$`));
    expect(result.failure).to.equal(
      `check after the actions (signalling round (GovernanceProposer)) reverts ${round!.revert}`,
    );
    const output = formatSimulation(result);
    expect(output).to.include(`  canonical rollup: ${getAddress(rollupV1.address)} -> ${getAddress(early.address)}`);
    expect(output).to.include(`RESULT: failed: ${result.failure}`);
    expect(output).to.not.include("RESULT: ok");
    expect(await registry.read.getCanonicalRollup()).to.equal(getAddress(rollupV1.address));
  });

  it("shows the canonical rollup, the follower set and the signalling rights before and after the hard fork", async () => {
    const { governance, rollupV1, rollupV2, hardFork } = await networkHelpers.loadFixture(deployFixture);
    const result = await simulatePayload(connection, { governance: governance.address, payload: hardFork.address });
    const [v1, v2] = [getAddress(rollupV1.address), getAddress(rollupV2.address)];
    const output = formatSimulation(result);
    expect(result.failure).to.equal(undefined);
    expect(output).to.include("state before -> after:");
    expect(output).to.include(`  canonical rollup: ${v1} -> ${v2}`);
    expect(output).to.include(`  followers' rollup: ${v1} -> ${v2}`);
    expect(output).to.match(/ {2}validators of the canonical rollup: 0 -> 0\n/);
    // no validators yet: no proposer on either rollup (the zero address)
    expect(output).to.include(`  current proposer (may signal): ${zeroAddress} -> ${zeroAddress}`);
  });

  it("refuses an address that is not a payload with a one-line error", async () => {
    const { governance, registry } = await networkHelpers.loadFixture(deployFixture);
    try {
      await simulatePayload(connection, { governance: governance.address, payload: registry.address });
      expect.fail("simulated a non-payload");
    } catch (error) {
      expect(error).to.be.instanceOf(CommandError);
      expect((error as Error).message).to.equal(
        `The payload has no getActions(). Expected: an IPayload contract. Given: ${registry.address}.`,
      );
    }
  });

  it("the command refuses a malformed payload address with one line on stderr and a non-zero exit", async () => {
    const run = promisify(execFile);
    const error = await run(
      process.execPath,
      [HARDHAT_CLI, "gov:simulate", "--payload", "0x12", "--governance", "0x0000000000000000000000000000000000000001"],
      { cwd: process.cwd() },
    ).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error, "the command failed").to.not.equal(undefined);
    expect(error!.code).to.equal(1);
    expect(error!.stderr.trim()).to.equal(
      'error: --payload is not an address. Expected: 0x followed by 40 hex digits. Given: "0x12".',
    );
  });
});
