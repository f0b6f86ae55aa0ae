import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { getAddress, keccak256, toHex, zeroHash } from "viem";
import SystemModule from "../../ignition/modules/System.js";
import { withTestVerifier } from "../../src/deploy/withTestVerifier.js";
import { readIgnitionParameters } from "../../src/cli/readIgnitionParameters.js";
import { CommandError } from "../../src/cli/CommandError.js";
import { HARDHAT_CLI } from "../helpers/runHardhat.js";

const { viem, ignition, networkHelpers } = await network.create();

async function deployPhase2() {
  return ignition.deploy(SystemModule, {
    parameters: await withTestVerifier(ignition, await readIgnitionParameters("phase2")),
  });
}

describe("System (Ignition module)", () => {
  it("deploys the phase-2 system with the Rollup canonical and the timelock owning Registry, escrow and Rollup", async () => {
    const s = await networkHelpers.loadFixture(deployPhase2);
    const [deployer] = await viem.getWalletClients();
    const timelock = getAddress(s.timelock.address);

    expect(await s.registry.read.getCanonicalRollup()).to.equal(getAddress(s.rollup.address));
    expect(await s.stakingEscrow.read.getFollowersRollup()).to.equal(getAddress(s.rollup.address));
    expect(await s.registry.read.owner()).to.equal(timelock);
    expect(await s.stakingEscrow.read.owner()).to.equal(timelock);
    expect(await s.rollup.read.owner()).to.equal(timelock);
    expect((await s.rollup.read.getConfig()).targetCommitteeSize).to.equal(16n);

    expect(await s.governance.read.timelock()).to.equal(timelock);
    expect(await s.governance.read.token()).to.equal(getAddress(s.stakingEscrow.address));
    expect(await s.governance.read.governanceProposer()).to.equal(getAddress(s.governanceProposer.address));
    expect(await s.governanceProposer.read.REGISTRY()).to.equal(getAddress(s.registry.address));
    expect(await s.governanceProposer.read.QUORUM_SIZE()).to.equal(51n);
    expect(await s.governance.read.votingPeriod()).to.equal(86_400n);

    const role = (name: string) => keccak256(toHex(name));
    for (const name of ["PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE"]) {
      expect(await s.timelock.read.hasRole([role(name), s.governance.address]), name).to.equal(true);
      expect(await s.timelock.read.hasRole([role(name), deployer.account.address]), name).to.equal(false);
    }
    expect(await s.timelock.read.hasRole([zeroHash, deployer.account.address]), "deployer admin").to.equal(false);
    expect(await s.timelock.read.hasRole([zeroHash, s.timelock.address]), "self-administered").to.equal(true);
    expect(await s.timelock.read.getMinDelay()).to.equal(172_800n);
  });

  it("wires slashing: the Slasher is the Rollup's slasher, names its SlashingProposer, and the deployer holds no role", async () => {
    const s = await networkHelpers.loadFixture(deployPhase2);
    const [deployer] = await viem.getWalletClients();
    const timelock = getAddress(s.timelock.address);
    const slasher = getAddress(s.slasher.address);

    expect(await s.rollup.read.getSlasher()).to.equal(slasher);
    expect(await s.slasher.read.ROLLUP()).to.equal(getAddress(s.rollup.address));
    expect(await s.slasher.read.ESCROW()).to.equal(getAddress(s.stakingEscrow.address));
    expect(await s.slasher.read.FACTORY()).to.equal(getAddress(s.slashPayloadFactory.address));
    expect(await s.slasher.read.PROPOSER()).to.equal(getAddress(s.slashingProposer.address));
    expect(await s.slasher.read.owner()).to.equal(timelock);
    // phase 2 names no vetoer and no sink: the timelock is both
    expect(await s.slasher.read.VETOER()).to.equal(timelock);
    expect(await s.slasher.read.sink()).to.equal(timelock);
    expect(await s.slasher.read.MAX_PAUSE_DURATION()).to.equal(259_200n);
    expect(await s.slasher.read.EQUIVOCATION_AMOUNT()).to.equal(10n * 10n ** 18n);

    expect(await s.slashingProposer.read.SLASHER()).to.equal(slasher);
    expect(await s.slashingProposer.read.REGISTRY()).to.equal(getAddress(s.registry.address));
    expect(await s.slashingProposer.read.ROUND_SIZE()).to.equal(64n);
    expect(await s.slashingProposer.read.QUORUM_SIZE()).to.equal(33n);
    expect(await s.slashingProposer.read.LIFETIME_IN_ROUNDS()).to.equal(4n);
    expect(await s.slashingProposer.read.EXECUTION_DELAY_IN_ROUNDS()).to.equal(1n);

    // The escrow lets the Rollup's slasher slash its validators (and nobody else).
    const me = deployer.account.address;
    expect(await s.rollup.read.owner()).to.equal(timelock);
    expect(await s.stakingEscrow.read.getFollowersRollup()).to.equal(getAddress(s.rollup.address));
    await viem.assertions.revertWithCustomError(
      s.slasher.write.initializeProposer([me]),
      s.slasher,
      "Slasher__ProposerAlreadySet",
    );
  });

  it("every phase's parameters file deploys", async () => {
    for (const phase of ["phase1", "phase3", "phase4", "stress", "sepolia"]) {
      const s = await ignition.deploy(SystemModule, {
        parameters: await withTestVerifier(ignition, await readIgnitionParameters(phase)),
      });
      expect(await s.registry.read.getCanonicalRollup(), phase).to.equal(getAddress(s.rollup.address));
      expect(await s.rollup.read.getSlasher(), phase).to.equal(getAddress(s.slasher.address));
      expect(await s.slasher.read.PROPOSER(), phase).to.equal(getAddress(s.slashingProposer.address));
    }
  });

  it("deploy:system deploys a phase from the command line and refuses an unknown phase", async () => {
    const run = promisify(execFile);
    // deployments build with `production` unless told otherwise; the suite already built `default` (same sources)
    const { stdout } = await run(
      process.execPath,
      [HARDHAT_CLI, "--build-profile", "default", "deploy:system", "--phase", "phase2"],
      {
        cwd: process.cwd(),
      },
    );
    expect(stdout).to.include(
      "deployment phase2 on chain 31337 (Ignition chain-31337-phase2), not recorded (in-process network)",
    );
    for (const name of [
      "registry",
      "stakingEscrow",
      "rollup",
      "timelock",
      "governance",
      "governanceProposer",
      "slasher",
      "slashingProposer",
    ]) {
      expect(stdout).to.match(new RegExp(`${name}\\s+0x[0-9a-fA-F]{40}`));
    }
    try {
      await readIgnitionParameters("phase9");
      expect.fail("read an unknown phase");
    } catch (error) {
      expect(error).to.be.instanceOf(CommandError);
      expect((error as Error).message).to.equal(
        '--phase is not a parameter set. Expected: phase1, phase2, phase3, phase4, stress, sepolia. Given: "phase9".',
      );
    }
  });
});
