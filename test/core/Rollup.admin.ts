import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, zeroAddress } from "viem";
import { TEST_STAKING } from "../../src/system/rollupDefaults.js";
import { RollupSystemBuilder } from "../../src/system/RollupSystemBuilder.js";
import type { RollupSystem } from "../../src/system/RollupSystem.js";
import { signStakeConsent, walletConsentSigner } from "../../src/validators/stakeConsent.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

async function system48(): Promise<RollupSystem> {
  return new RollupSystemBuilder(connection).withValidators(48).withCommitteeSize(16).build();
}

describe("Rollup deployment and administration", () => {
  it("exposes its configuration with genesis at deployment time", async () => {
    const s = await networkHelpers.loadFixture(system48);
    const [deployer] = await viem.getWalletClients();
    const config = await s.rollup.read.getConfig();
    expect(config.escrow).to.equal(getAddress(s.escrow.address));
    expect(config.targetCommitteeSize).to.equal(16n);
    expect(config.slotDuration).to.equal(36);
    expect(config.epochDuration).to.equal(32);
    expect(config.bootstrap).to.equal(false);
    expect(config.owner).to.equal(getAddress(deployer.account.address));
    expect(await s.rollup.read.getSlasher()).to.equal(getAddress(deployer.account.address));
    const [tip, archive] = await s.rollup.read.getPendingTip();
    expect(tip).to.equal(0n);
    expect(archive).to.equal(config.genesisArchive);
    const now = BigInt(await networkHelpers.time.latest());
    expect(await s.rollup.read.getCurrentSlot()).to.equal((now - config.genesisTime) / 36n);
    expect(await s.rollup.read.getCurrentEpoch()).to.equal((now - config.genesisTime) / (36n * 32n));
  });

  it("forwards deposit to the escrow with the caller as payer", async () => {
    const s = await networkHelpers.loadFixture(system48);
    const [, payer, attester, withdrawer] = await viem.getWalletClients();
    const { token } = s;
    await token.write.mint([payer.account.address, TEST_STAKING.minimumStake]);
    await token.write.approve([s.escrow.address, TEST_STAKING.minimumStake], { account: payer.account });
    const signature = await signStakeConsent(walletConsentSigner(attester), {
      chainId: await (await viem.getPublicClient()).getChainId(),
      escrow: s.escrow.address,
      withdrawer: withdrawer.account.address,
      rollup: s.rollup.address,
      followCanonical: false,
    });
    await s.rollup.write.deposit([attester.account.address, withdrawer.account.address, false, signature], {
      account: payer.account,
    });
    expect(await token.read.balanceOf([payer.account.address])).to.equal(0n);
    const info = await s.escrow.read.getValidator([attester.account.address]);
    expect(info.withdrawer).to.equal(getAddress(withdrawer.account.address));
    expect(info.pinnedRollup).to.equal(getAddress(s.rollup.address));
    expect(await s.escrow.read.getEffectiveRollup([attester.account.address])).to.equal(getAddress(s.rollup.address));
    const now = BigInt(await networkHelpers.time.latest());
    expect(await s.escrow.read.getSetSize([s.rollup.address, now])).to.equal(49n);
  });

  it("lets only the owner change the slasher", async () => {
    const s = await networkHelpers.loadFixture(system48);
    const [owner, stranger] = await viem.getWalletClients();
    await viem.assertions.revertWithCustomErrorWithArgs(
      s.rollup.write.setSlasher([stranger.account.address], { account: stranger.account }),
      s.rollup,
      "OwnableUnauthorizedAccount",
      [getAddress(stranger.account.address)],
    );
    expect(await s.rollup.read.getSlasher()).to.equal(getAddress(owner.account.address));
    await viem.assertions.emitWithArgs(
      s.rollup.write.setSlasher([stranger.account.address]),
      s.rollup,
      "SlasherUpdated",
      [getAddress(owner.account.address), getAddress(stranger.account.address)],
    );
    expect(await s.rollup.read.getSlasher()).to.equal(getAddress(stranger.account.address));
  });

  it("refuses a zero escrow and a committee larger than the signer bitmap", async () => {
    const s = await networkHelpers.loadFixture(system48);
    const base = { ...(await s.rollup.read.getConfig()), genesisTime: 0n };
    const deploy = (config: typeof base) => viem.deployContract("Rollup", [config]);
    await viem.assertions.revertWithCustomError(
      deploy({ ...base, escrow: zeroAddress }),
      s.rollup,
      "Rollup__ZeroAddress",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      deploy({ ...base, targetCommitteeSize: 257n }),
      s.rollup,
      "Rollup__CommitteeTooLarge",
      [256n, 257n],
    );
  });

  it("refuses a zero verifier, and rewards without a reward pool", async () => {
    const s = await networkHelpers.loadFixture(system48);
    const base = { ...(await s.rollup.read.getConfig()), genesisTime: 0n };
    const deploy = (config: typeof base) => viem.deployContract("Rollup", [config]);
    await viem.assertions.revertWithCustomError(
      deploy({ ...base, proofs: { ...base.proofs, verifier: zeroAddress } }),
      s.rollup,
      "Rollup__ZeroAddress",
    );
    for (const reward of [{ blockReward: 1n }, { proverReward: 1n }]) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        deploy({ ...base, proofs: { ...base.proofs, rewardPool: zeroAddress, ...reward } }),
        s.rollup,
        "Rollup__RewardsWithoutPool",
        [reward.blockReward ?? 0n, reward.proverReward ?? 0n],
      );
    }
    // the same configuration without rewards deploys
    const rollup = await deploy({ ...base, proofs: { ...base.proofs, rewardPool: zeroAddress } });
    expect((await rollup.read.getConfig()).proofs.verifier).to.equal(base.proofs.verifier);
  });
});
