import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import StakingAssetModule from "../../ignition/modules/StakingAsset.js";

const { viem, ignition, networkHelpers } = await network.create();

const DRIP = 100n * 10n ** 18n;
const COOLDOWN = 86_400n;

async function deployFixture() {
  const { stakingAsset } = await ignition.deploy(StakingAssetModule);
  const [deployer, participant] = await viem.getWalletClients();
  return { stakingAsset, deployer, participant };
}

describe("StakingAsset (Ignition module)", () => {
  it("deploys the token with the deployer as owner and the default faucet", async () => {
    const { stakingAsset, deployer } = await networkHelpers.loadFixture(deployFixture);
    expect((await stakingAsset.read.owner()).toLowerCase()).to.equal(deployer.account.address.toLowerCase());
    expect(await stakingAsset.read.faucetAmount()).to.equal(DRIP);
    expect(await stakingAsset.read.faucetCooldown()).to.equal(COOLDOWN);
  });

  it("lets a participant draw again only after the cooldown, as time moves", async () => {
    const { stakingAsset, participant } = await networkHelpers.loadFixture(deployFixture);
    const asParticipant = { account: participant.account };
    await stakingAsset.write.faucet(asParticipant);
    const allowedAt = await stakingAsset.read.nextFaucetAt([participant.account.address]);

    await networkHelpers.time.setNextBlockTimestamp(allowedAt - 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      stakingAsset.write.faucet(asParticipant),
      stakingAsset,
      "TestStakingAsset__FaucetCooldown",
      [allowedAt, allowedAt - 1n],
    );
    expect(await stakingAsset.read.balanceOf([participant.account.address])).to.equal(DRIP);

    await networkHelpers.time.increaseTo(allowedAt);
    await stakingAsset.write.faucet(asParticipant);
    expect(await stakingAsset.read.balanceOf([participant.account.address])).to.equal(2n * DRIP);
  });
});
