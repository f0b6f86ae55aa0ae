import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, parseEther, type Address } from "viem";
import SystemModule from "../../ignition/modules/System.js";
import { addValidators } from "../../src/validators/addValidators.js";
import { consentedEntries, walletConsentSigner } from "../../src/validators/stakeConsent.js";
import { withTestVerifier } from "../../src/deploy/withTestVerifier.js";
import { deployPayload } from "../../src/governance/deployPayload.js";
import { signalPayload } from "../../src/governance/signalPayload.js";
import { submitRoundWinner } from "../../src/governance/submitRoundWinner.js";
import { proposalAction } from "../../src/governance/proposalAction.js";
import { governanceStatus, formatGovernanceStatus } from "../../src/governance/governanceStatus.js";
import { parseSupport } from "../../src/cli/parseSupport.js";
import { parseBigInt } from "../../src/cli/parseBigInt.js";
import { CommandError } from "../../src/cli/CommandError.js";
import { deployRollup } from "./helpers/escrowRollup.js";

const connection = await network.create();
const { viem, ignition, networkHelpers } = connection;

const EPOCH_SECONDS = 36n * 32n;

/** The System module (quorum 3 of 5-slot rounds), with the node's 20 accounts staked as sequencers. */
async function deployFixture() {
  const wallets = await viem.getWalletClients();
  const me = wallets[0].account.address;
  const s = await ignition.deploy(SystemModule, {
    parameters: await withTestVerifier(ignition, {
      System: { quorumSize: 3n, roundSize: 5n, quorumNumerator: 10n, timelockDelay: 3_600n },
    }),
  });
  await addValidators({
    publicClient: await viem.getPublicClient(),
    walletClient: wallets[0],
    escrow: s.stakingEscrow.address,
    asset: s.stakingAsset.address,
    validators: await consentedEntries({
      publicClient: await viem.getPublicClient(),
      escrow: s.stakingEscrow.address,
      signers: wallets.map(walletConsentSigner),
      withdrawer: me,
    }),
    mint: true,
  });
  const v2 = await deployRollup(connection, s.stakingEscrow.address);
  const genesis = (await s.rollup.read.getConfig()).genesisTime;
  await networkHelpers.time.increaseTo(genesis + 2n * EPOCH_SECONDS);
  return { ...s, v2, genesis, governanceAddress: s.governance.address as Address };
}

async function expectCommandError(promise: Promise<unknown>, message: string) {
  try {
    await promise;
    expect.fail("the command succeeded");
  } catch (error) {
    expect(error).to.be.instanceOf(CommandError);
    expect((error as Error).message).to.equal(message);
  }
}

describe("governance commands (src/governance)", () => {
  it("write, signal (direct and relayed), submit, vote, queue, execute and status run the hard fork end to end", async () => {
    const f = await networkHelpers.loadFixture(deployFixture);
    const governance = f.governanceAddress;
    const payload = await deployPayload(connection, {
      governance,
      spec: { kind: "hard-fork", newRollup: f.v2.address },
    });

    const firstSlot = ((await f.rollup.read.getCurrentSlot()) / 5n + 1n) * 5n;
    for (let slot = firstSlot; slot < firstSlot + 3n; slot++) {
      await networkHelpers.time.increaseTo(f.genesis + slot * 36n);
      const signer = await f.rollup.read.getCurrentProposer();
      const relayer = slot === firstSlot ? undefined : (await viem.getWalletClients())[0].account.address;
      const result = await signalPayload(connection, { governance, payload, signer, relayer });
      expect(result.slot).to.equal(slot);
    }
    await networkHelpers.time.increaseTo(f.genesis + (firstSlot + 5n) * 36n);
    const { round, proposalId } = await submitRoundWinner(connection, { governance });
    expect(round).to.equal(firstSlot / 5n);
    expect(formatGovernanceStatus(await governanceStatus(connection, { governance }))).to.include(
      `${proposalId} Pending payload ${payload}`,
    );

    await networkHelpers.time.increaseTo((await f.governance.read.proposalSnapshot([proposalId])) + 1n);
    const wallets = await viem.getWalletClients();
    for (const w of wallets.slice(0, 3)) {
      const { weight } = await proposalAction(connection, {
        governance,
        proposalId,
        step: { kind: "vote", support: parseSupport("for") },
        account: w.account.address,
      });
      expect(weight).to.equal(await f.stakingEscrow.read.minimumStake(), "one stake's voting units");
    }
    await networkHelpers.time.increaseTo((await f.governance.read.proposalDeadline([proposalId])) + 1n);
    const me = wallets[0].account.address;
    await proposalAction(connection, { governance, proposalId, step: { kind: "queue" }, account: me });
    await networkHelpers.time.increaseTo(await f.governance.read.proposalEta([proposalId]));
    await proposalAction(connection, { governance, proposalId, step: { kind: "execute" }, account: me });

    expect(await f.registry.read.getCanonicalRollup()).to.equal(getAddress(f.v2.address));
    const status = await governanceStatus(connection, { governance });
    expect(status.canonicalRollup).to.equal(getAddress(f.v2.address));
    expect(status.proposals.map((p) => [p.id, p.state, p.for])).to.deep.equal([
      [proposalId, "Executed", 3n * parseEther("100")],
    ]);
  });

  it("refuse bad input with an error that says what was expected and what was given", async () => {
    const f = await networkHelpers.loadFixture(deployFixture);
    const governance = f.governanceAddress;
    const [wallet] = await viem.getWalletClients();
    const proposer = await f.rollup.read.getCurrentProposer();
    const notProposer = (await viem.getWalletClients()).find((w) => w.account.address !== proposer)!.account.address;

    await expectCommandError(
      signalPayload(connection, { governance, payload: f.v2.address, signer: notProposer }),
      `The signer is not the proposer of the current slot. Expected: ${proposer}. Given: ${notProposer}.`,
    );
    const currentRound = await f.governanceProposer.read.getCurrentRound();
    await expectCommandError(
      submitRoundWinner(connection, { governance, round: currentRound }),
      `The round has not ended. Expected: a round below ${currentRound}. Given: ${currentRound}.`,
    );
    await expectCommandError(
      proposalAction(connection, {
        governance,
        proposalId: 42n,
        step: { kind: "queue" },
        account: wallet.account.address,
      }),
      "Unknown proposal. Expected: an existing proposal id. Given: 42.",
    );
    await expectCommandError(
      deployPayload(connection, { governance, spec: { kind: "hard-fork", newRollup: f.rollup.address } }),
      `The new rollup is already registered. Expected: an unregistered rollup. Given: ${f.rollup.address}.`,
    );
    const plain = wallet.account.address;
    await expectCommandError(
      deployPayload(connection, { governance, spec: { kind: "hard-fork", newRollup: plain } }),
      `The new rollup is not a contract. Expected: a Rollup deployed with deploy:rollup. Given: ${plain}.`,
    );
    await expectCommandError(
      deployPayload(connection, { governance, spec: { kind: "hard-fork", newRollup: f.registry.address } }),
      `The new rollup is not a Rollup. Expected: a contract answering Rollup.getConfig(). Given: ${f.registry.address}.`,
    );
    const foreign = await deployRollup(connection, f.stakingAsset.address); // a Rollup on another "escrow"
    await expectCommandError(
      deployPayload(connection, { governance, spec: { kind: "hard-fork", newRollup: foreign.address } }),
      `The new rollup is on another escrow. Expected: a Rollup on the StakingEscrow ${getAddress(f.stakingEscrow.address)}. Given: a Rollup on ${getAddress(f.stakingAsset.address)}.`,
    );
    expect(() => parseSupport("maybe")).to.throw(
      '--support is not a vote type. Expected: for, against or abstain. Given: "maybe".',
    );
    expect(() => parseBigInt("1e3", "round")).to.throw(
      '--round is not a non-negative integer. Expected: digits or 0x hex. Given: "1e3".',
    );
    expect(await f.governance.read.proposalCount()).to.equal(0n);
  });
});
