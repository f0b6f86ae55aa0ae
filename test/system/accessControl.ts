import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, keccak256, parseEther, toHex, zeroAddress, zeroHash, type Address, type Hex } from "viem";
import SystemModule from "../../ignition/modules/System.js";
import { withTestVerifier } from "../../src/deploy/withTestVerifier.js";
import type { LooseAssertions } from "../helpers/expectRefused.js";
import { validatorAccount } from "../../src/system/validatorKeys.js";
import { consentedEntries, signStakeConsent } from "../../src/validators/stakeConsent.js";

const connection = await network.create();
const SALT = keccak256(toHex("access control matrix"));
const { viem, ignition, networkHelpers } = connection;

/** Every role of the deployed System; contract roles are impersonated. */
const ROLES = [
  "deployer",
  "guardian",
  "vetoer",
  "slasher",
  "withdrawer",
  "stranger",
  "timelock",
  "governance",
  "governanceProposer",
  "rollup",
  "slashingProposer",
] as const;
type Role = (typeof ROLES)[number];

type Refusal = { contract: { abi: readonly unknown[] }; error: string; args: unknown[] } | "panic";

/** One privileged action: who may take it, how a refused caller is refused, and what it changes. */
type Action = {
  name: string;
  allowed: readonly Role[];
  send: (caller: Address) => Promise<Hex>;
  refusal: (caller: Address, role: Role) => Refusal;
  observe: () => Promise<unknown>;
};

/**
 * The System as deployed (test verifier), one follower staked by `withdrawer`, a slash payload of that follower, and
 * the role addresses (the slasher is the System's Slasher, impersonated like the other contract roles).
 */
async function systemFixture() {
  const [deployer, guardian, vetoer, withdrawer, stranger] = await viem.getWalletClients();
  // two stakes of genesis allocation: the staked follower's, and the one the `deposit` action pulls from the deployer
  const twoStakes = 2n * 100n * 10n ** 18n;
  const s = await ignition.deploy(SystemModule, {
    parameters: await withTestVerifier(ignition, {
      System: { guardian: guardian.account.address, slashVetoer: vetoer.account.address, genesisAllocation: twoStakes },
    }),
  });
  const attester = validatorAccount(0).address;
  expect(await s.stakingAsset.read.balanceOf([deployer.account.address])).to.equal(twoStakes);
  await s.stakingAsset.write.approve([s.stakingEscrow.address, twoStakes]);
  const publicClient = await viem.getPublicClient();
  const entries = await consentedEntries({
    publicClient,
    escrow: s.stakingEscrow.address,
    signers: [validatorAccount(0)],
    withdrawer: withdrawer.account.address,
  });
  await s.stakingEscrow.write.addValidators([entries.map((e) => ({ ...e, signature: e.signature! }))]);
  // The `deposit` action's newcomer consents to being staked through the Rollup with itself as withdrawer.
  const newcomer = validatorAccount(1);
  const newcomerConsent = await signStakeConsent(newcomer, {
    chainId: await publicClient.getChainId(),
    escrow: s.stakingEscrow.address,
    withdrawer: newcomer.address,
    rollup: s.rollup.address,
    followCanonical: true,
  });
  const payload = await viem.deployContract("GovernanceParametersPayload", [s.governance.address, 1, 7_200, 10n]);
  const slashEntries = [{ attester, amount: 1n, offence: 0 }];
  await s.slashPayloadFactory.write.createPayload([slashEntries]);
  const slashPayload = await s.slashPayloadFactory.read.predictAddress([slashEntries]);
  const addresses: Record<Role, Address> = {
    deployer: deployer.account.address,
    guardian: guardian.account.address,
    vetoer: vetoer.account.address,
    slasher: s.slasher.address,
    withdrawer: withdrawer.account.address,
    stranger: stranger.account.address,
    timelock: s.timelock.address,
    governance: s.governance.address,
    governanceProposer: s.governanceProposer.address,
    rollup: s.rollup.address,
    slashingProposer: s.slashingProposer.address,
  };
  for (const role of [
    "timelock",
    "governance",
    "governanceProposer",
    "rollup",
    "slasher",
    "slashingProposer",
  ] as const) {
    await networkHelpers.impersonateAccount(addresses[role]);
    await networkHelpers.setBalance(addresses[role], parseEther("10"));
  }
  return { ...s, attester, payload, slashPayload, addresses, newcomer: newcomer.address, newcomerConsent };
}

type System = Awaited<ReturnType<typeof systemFixture>>;

function actions(s: System): Action[] {
  const ownable = (contract: { abi: readonly unknown[] }) => (caller: Address) => ({
    contract,
    error: "OwnableUnauthorizedAccount",
    args: [caller],
  });
  const notWithdrawer = (caller: Address) => ({
    contract: s.stakingEscrow,
    error: "StakingEscrow__NotWithdrawer",
    args: [s.addresses.withdrawer, caller],
  });
  const newcomer = getAddress(toHex(0xbeef, { size: 20 }));
  return [
    {
      name: "Registry.addRollup",
      allowed: ["timelock"],
      send: (account) => s.registry.write.addRollup([newcomer], { account }),
      refusal: ownable(s.registry),
      observe: () => s.registry.read.numberOfVersions(),
    },
    {
      name: "Rollup.setSlasher",
      allowed: ["timelock"],
      send: (account) => s.rollup.write.setSlasher([newcomer], { account }),
      refusal: ownable(s.rollup),
      observe: () => s.rollup.read.getSlasher(),
    },
    {
      name: "StakingEscrow.slash",
      allowed: ["slasher"],
      send: (account) => s.stakingEscrow.write.slash([s.attester, 1n], { account }),
      refusal: (caller) => ({
        contract: s.stakingEscrow,
        error: "StakingEscrow__NotSlasher",
        args: [s.addresses.slasher, caller],
      }),
      observe: () => s.stakingEscrow.read.getValidator([s.attester]),
    },
    {
      name: "StakingEscrow.initiateWithdraw",
      allowed: ["withdrawer"],
      send: (account) => s.stakingEscrow.write.initiateWithdraw([s.attester, account], { account }),
      refusal: notWithdrawer,
      observe: () => s.stakingEscrow.read.getValidator([s.attester]),
    },
    {
      name: "StakingEscrow.delegateFor",
      allowed: ["withdrawer"],
      send: (account) => s.stakingEscrow.write.delegateFor([s.attester, newcomer], { account }),
      refusal: notWithdrawer,
      observe: () => s.stakingEscrow.read.delegates([s.attester]),
    },
    {
      name: "StakingEscrow.deposit",
      allowed: ["rollup"],
      send: (account) =>
        s.stakingEscrow.write.deposit([s.addresses.deployer, s.newcomer, s.newcomer, true, s.newcomerConsent], {
          account,
        }),
      refusal: (caller) => ({ contract: s.stakingEscrow, error: "StakingEscrow__UnregisteredRollup", args: [caller] }),
      observe: () => s.stakingEscrow.read.getValidator([s.newcomer]),
    },
    {
      name: "Governance.proposePayload",
      allowed: ["governanceProposer"],
      send: (account) => s.governance.write.proposePayload([s.payload.address, "matrix"], { account }),
      refusal: (caller) => ({
        contract: s.governance,
        error: "Governance__OnlyGovernanceProposer",
        args: [s.addresses.governanceProposer, caller],
      }),
      observe: () => s.governance.read.proposalCount(),
    },
    {
      // only a call the Governor is executing: the timelock alone is refused too (the Governor's queue is empty)
      name: "Governance.setGuardian",
      allowed: [],
      send: (account) => s.governance.write.setGuardian([newcomer], { account }),
      refusal: (caller, role) =>
        role === "timelock" ? "panic" : { contract: s.governance, error: "GovernorOnlyExecutor", args: [caller] },
      observe: () => s.governance.read.guardian(),
    },
    {
      name: "GovernanceTimelock.schedule",
      allowed: ["governance"],
      send: async (account) =>
        s.timelock.write.schedule([newcomer, 0n, "0x", zeroHash, SALT, await s.timelock.read.getMinDelay()], {
          account,
        }),
      refusal: (caller) => ({
        contract: s.timelock,
        error: "AccessControlUnauthorizedAccount",
        args: [caller, keccak256(toHex("PROPOSER_ROLE"))],
      }),
      observe: async () =>
        s.timelock.read.isOperation([await s.timelock.read.hashOperation([newcomer, 0n, "0x", zeroHash, SALT])]),
    },
    {
      name: "Inbox.consume",
      allowed: ["rollup"],
      send: (account) => s.inbox.write.consume([1n], { account }), // seals tree 2 for block 2
      refusal: (caller) => ({ contract: s.inbox, error: "Inbox__Unauthorized", args: [s.addresses.rollup, caller] }),
      observe: () => s.inbox.read.getInProgress(),
    },
    {
      name: "Slasher.slash",
      allowed: ["slashingProposer"],
      send: (account) => s.slasher.write.slash([s.slashPayload], { account }),
      refusal: (caller) => ({
        contract: s.slasher,
        error: "Slasher__OnlyProposer",
        args: [s.addresses.slashingProposer, caller],
      }),
      observe: () => s.slasher.read.getPayloadState([s.slashPayload]),
    },
    {
      name: "Slasher.veto",
      allowed: ["vetoer"],
      send: (account) => s.slasher.write.veto([s.slashPayload], { account }),
      refusal: (caller) => ({ contract: s.slasher, error: "Slasher__OnlyVetoer", args: [s.addresses.vetoer, caller] }),
      observe: () => s.slasher.read.isVetoed([s.slashPayload]),
    },
    {
      name: "Slasher.pause",
      allowed: ["vetoer"],
      send: (account) => s.slasher.write.pause([3_600n], { account }),
      refusal: (caller) => ({ contract: s.slasher, error: "Slasher__OnlyVetoer", args: [s.addresses.vetoer, caller] }),
      observe: () => s.slasher.read.pausedUntil(),
    },
    {
      name: "Slasher.setSink",
      allowed: ["timelock"],
      send: (account) => s.slasher.write.setSink([newcomer], { account }),
      refusal: ownable(s.slasher),
      observe: () => s.slasher.read.sink(),
    },
    {
      // named once at deployment: the deployer is refused now, everyone else always
      name: "Slasher.initializeProposer",
      allowed: [],
      send: (account) => s.slasher.write.initializeProposer([newcomer], { account }),
      refusal: (caller, role) =>
        role === "deployer"
          ? { contract: s.slasher, error: "Slasher__ProposerAlreadySet", args: [s.addresses.slashingProposer] }
          : { contract: s.slasher, error: "Slasher__OnlyDeployer", args: [s.addresses.deployer, caller] },
      observe: () => s.slasher.read.PROPOSER(),
    },
    {
      name: "TestStakingAsset.mint",
      allowed: ["timelock"], // audit F-7: the deployer could mint without limit, then stake seats and votes
      send: (account) => s.stakingAsset.write.mint([newcomer, 1n], { account }),
      refusal: ownable(s.stakingAsset),
      observe: () => s.stakingAsset.read.totalSupply(),
    },
  ];
}

describe("access control matrix (System as deployed)", () => {
  it("leaves the deployer no power: it owns nothing, holds no timelock role and is not the guardian (F-7)", async () => {
    const [deployer] = await viem.getWalletClients();
    const s = await ignition.deploy(SystemModule, { parameters: await withTestVerifier(ignition, {}) });
    const me = deployer.account.address;
    for (const owned of [s.stakingAsset, s.registry, s.stakingEscrow, s.rollup] as const) {
      expect(await owned.read.owner(), `${owned.address} owner`).to.equal(getAddress(s.timelock.address));
    }
    for (const role of [
      zeroHash,
      ...["PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE"].map((r) => keccak256(toHex(r))),
    ]) {
      expect(await s.timelock.read.hasRole([role as Hex, me]), `timelock role ${role}`).to.equal(false);
    }
    expect(await s.governance.read.guardian()).to.equal(zeroAddress, "no guardian unless the parameters name one");
    // The Rollup's slasher is the System's Slasher (a contract the timelock owns), never the deployer.
    expect(await s.rollup.read.getSlasher()).to.equal(getAddress(s.slasher.address));
    expect(await s.slasher.read.owner()).to.equal(getAddress(s.timelock.address));
    expect(await s.slasher.read.VETOER()).to.equal(getAddress(s.timelock.address), "no vetoer named: the timelock");
    // The faucet stays open to everyone and rate-limited: a second draw inside the cooldown is refused.
    await s.stakingAsset.write.faucet();
    await viem.assertions.revertWithCustomError(
      s.stakingAsset.write.faucet(),
      s.stakingAsset,
      "TestStakingAsset__FaucetCooldown",
    );
  });

  it("lets each privileged action be taken by its roles only, and refuses every other role with no change", async () => {
    const s = await networkHelpers.loadFixture(systemFixture);
    const assertions = viem.assertions as unknown as LooseAssertions;
    for (const action of actions(s)) {
      for (const role of ROLES) {
        const caller = s.addresses[role];
        const snapshot = await networkHelpers.takeSnapshot();
        const before = await action.observe();
        if (action.allowed.includes(role)) {
          const client = await viem.getPublicClient();
          const receipt = await client.waitForTransactionReceipt({ hash: await action.send(caller) });
          expect(receipt.status, `${action.name} by ${role}`).to.equal("success");
          expect(await action.observe(), `${action.name} by ${role} changes state`).to.not.deep.equal(before);
        } else {
          const refusal = action.refusal(caller, role);
          if (refusal === "panic") await assertions.revert(action.send(caller));
          else {
            await assertions.revertWithCustomErrorWithArgs(
              action.send(caller),
              refusal.contract,
              refusal.error,
              refusal.args,
            );
          }
          expect(await action.observe(), `${action.name} by ${role} changes nothing`).to.deep.equal(before);
        }
        await snapshot.restore();
      }
    }
  });
});
