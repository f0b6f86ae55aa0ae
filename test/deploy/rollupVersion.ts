import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress } from "viem";
import SystemModule from "../../ignition/modules/System.js";
import { withTestVerifier } from "../../src/deploy/withTestVerifier.js";
import { rollupVersionParameters } from "../../src/deploy/rollupVersionParameters.js";
import { deployRollupVersion } from "../../src/deploy/deployRollupVersion.js";
import { readRollupConfig } from "../../src/chain/readRollupConfig.js";
import { simulatePayload } from "../../src/governance/simulatePayload.js";
import { deployPayload } from "../../src/governance/deployPayload.js";

const connection = await network.create();
const { viem, ignition, networkHelpers } = connection;

async function deployFixture() {
  return ignition.deploy(SystemModule, {
    parameters: await withTestVerifier(ignition, { System: { slotDuration: 24n, targetCommitteeSize: 8n } }),
  });
}

describe("RollupVersion module (deploy:rollup)", () => {
  it("deploys v2 over the same escrow with v1's clock and configuration, its own Inbox and Outbox, unregistered", async () => {
    const s = await networkHelpers.loadFixture(deployFixture);
    const client = await viem.getPublicClient();
    const parameters = await rollupVersionParameters(connection, { governance: s.governance.address });
    expect(parameters.rollupVersion).to.equal(2n);
    const v2 = await deployRollupVersion(connection, { parameters });

    const [v1Config, v2Config] = await Promise.all([
      readRollupConfig(client, s.rollup.address),
      readRollupConfig(client, v2.rollup),
    ]);
    const { inbox: v1Inbox, ...v1Rest } = v1Config;
    const { inbox: v2Inbox, ...v2Rest } = v2Config;
    expect(v2Rest).to.deep.equal(v1Rest, "v1's clock, committee, genesis, slasher, owner and proofs");
    expect(v2Config.slotDuration).to.equal(24);
    expect(v2Config.owner).to.equal(getAddress(s.timelock.address));
    expect(v2Inbox).to.equal(v2.inbox).and.not.equal(v1Inbox);
    const inbox = await viem.getContractAt("Inbox", v2.inbox);
    expect(await inbox.read.VERSION()).to.equal(2n);
    expect(await inbox.read.rollup()).to.equal(v2.rollup);
    expect(await (await viem.getContractAt("Outbox", v2.outbox)).read.ROLLUP()).to.equal(v2.rollup);
    expect(await s.registry.read.isRegistered([v2.rollup])).to.equal(false);

    const payload = await deployPayload(connection, {
      governance: s.governance.address,
      spec: { kind: "hard-fork", newRollup: v2.rollup },
    });
    const result = await simulatePayload(connection, { governance: s.governance.address, payload });
    expect(result.failure).to.equal(undefined);
    expect(result.after?.find((r) => r.label === "canonical rollup")?.value).to.equal(v2.rollup);
  });

  it("takes overrides from a parameters file's RollupVersion entry and refuses other modules", async () => {
    const s = await networkHelpers.loadFixture(deployFixture);
    const governance = s.governance.address;
    const parameters = await rollupVersionParameters(connection, {
      governance,
      overrides: { RollupVersion: { targetCommitteeSize: 4n } },
    });
    expect(parameters.targetCommitteeSize).to.equal(4n);
    expect(parameters.slotDuration).to.equal(24n);
    try {
      await rollupVersionParameters(connection, { governance, overrides: { System: {} } });
      expect.fail("accepted another module's parameters");
    } catch (error) {
      expect((error as Error).message).to.equal(
        'The parameters file names another module. Expected: only "RollupVersion". Given: "System".',
      );
    }
  });
});
