import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress } from "viem";
import RollupModule from "../../ignition/modules/Rollup.js";
import { withTestVerifier } from "../../src/deploy/withTestVerifier.js";
import { consentedEntries, walletConsentSigner } from "../../src/validators/stakeConsent.js";

const { viem, ignition, networkHelpers } = await network.create();

async function deployFixture() {
  return ignition.deploy(RollupModule, {
    parameters: await withTestVerifier(ignition, { Rollup: { targetCommitteeSize: 48n, bootstrap: true } }, "Rollup"),
  });
}

describe("Rollup (Ignition module)", () => {
  it("deploys the Rollup over the escrow and makes it canonical in the Registry and the escrow", async () => {
    const { rollup, registry, stakingEscrow, stakingAsset } = await networkHelpers.loadFixture(deployFixture);
    const [deployer] = await viem.getWalletClients();
    const config = await rollup.read.getConfig();
    expect(config.escrow).to.equal(getAddress(stakingEscrow.address));
    expect(config.targetCommitteeSize).to.equal(48n);
    expect(config.bootstrap).to.equal(true);
    expect(config.owner).to.equal(getAddress(deployer.account.address));
    expect(await registry.read.getCanonicalRollup()).to.equal(getAddress(rollup.address));
    const [tip] = await rollup.read.getPendingTip();
    expect(tip).to.equal(0n);
    // Followers of the canonical rollup stake into this Rollup's set.
    const [, attester] = await viem.getWalletClients();
    const stake = await stakingEscrow.read.minimumStake();
    await stakingAsset.write.mint([deployer.account.address, stake]);
    await stakingAsset.write.approve([stakingEscrow.address, stake]);
    const [follower] = await consentedEntries({
      publicClient: await viem.getPublicClient(),
      escrow: stakingEscrow.address,
      signers: [walletConsentSigner(attester)],
      withdrawer: deployer.account.address,
    });
    await stakingEscrow.write.addValidators([[{ ...follower, signature: follower.signature! }]]);
    expect(await stakingEscrow.read.getEffectiveRollup([attester.account.address])).to.equal(
      getAddress(rollup.address),
    );
    const now = BigInt(await networkHelpers.time.latest());
    expect(await stakingEscrow.read.getSetSize([rollup.address, now])).to.equal(1n);
  });
});
