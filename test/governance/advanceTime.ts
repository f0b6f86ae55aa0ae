import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import SystemModule from "../../ignition/modules/System.js";
import { withTestVerifier } from "../../src/deploy/withTestVerifier.js";
import { advanceTime } from "../../src/governance/advanceTime.js";
import { CommandError } from "../../src/cli/CommandError.js";

async function deploySystem(connection: Awaited<ReturnType<typeof network.create>>) {
  const { ignition } = connection;
  return ignition.deploy(SystemModule, {
    parameters: await withTestVerifier(ignition, { System: { roundSize: 5n, quorumSize: 3n } }),
  });
}

describe("time:advance (advanceTime)", () => {
  it("moves a local chain to the slot N ahead and to the next round's first slot", async () => {
    const connection = await network.create();
    const s = await deploySystem(connection);
    const governance = s.governance.address;
    const moved = await advanceTime(connection, { governance, target: { kind: "slots", slots: 7n } });
    expect(moved.slot).to.equal(7n);
    expect(await s.rollup.read.getCurrentSlot()).to.equal(7n);
    const roundEnd = await advanceTime(connection, { governance, target: { kind: "round-end" } });
    expect([roundEnd.slot, roundEnd.round]).to.deep.equal([10n, 2n]);
    expect(await s.governanceProposer.read.getCurrentRound()).to.equal(2n);
  });

  it("refuses any chain but 31337, and an unknown proposal", async () => {
    const live = await network.create({ override: { chainId: 11155111 } });
    const s = await deploySystem(live);
    const refusal = (e: unknown) => (expect(e).to.be.instanceOf(CommandError), (e as Error).message);
    const target = { kind: "slots" as const, slots: 1n };
    expect(await advanceTime(live, { governance: s.governance.address, target }).catch(refusal)).to.equal(
      "time:advance moves only a local chain's clock. Expected: chain 31337. Given: chain 11155111.",
    );
    const local = await network.create();
    const t = await deploySystem(local);
    const state = { kind: "state" as const, state: "active" as const, proposalId: 42n };
    expect(await advanceTime(local, { governance: t.governance.address, target: state }).catch(refusal)).to.equal(
      "Unknown proposal. Expected: an existing proposal id. Given: 42.",
    );
  });
});
