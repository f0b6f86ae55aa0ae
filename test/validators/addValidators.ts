import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Address, type Hex, encodeFunctionData, getAddress, numberToHex, zeroAddress } from "viem";
import StakingModule from "../../ignition/modules/Staking.js";
import { addValidators, TRANSACTION_GAS_CAP } from "../../src/validators/addValidators.js";
import { readValidatorList, type ValidatorEntry } from "../../src/validators/readValidatorList.js";
import { validatorStatus } from "../../src/validators/validatorStatus.js";
import { bulkConsentTerms, consentedEntries } from "../../src/validators/stakeConsent.js";
import { validatorAccount } from "../../src/system/validatorKeys.js";

const { viem, ignition, networkHelpers } = await network.create();
const publicClient = await viem.getPublicClient();
const [operator] = await viem.getWalletClients();
const OPERATOR = operator.account.address;
const STAKE = 10n ** 18n;
const COMMITTEE = 48;
/** The order of secp256k1's group. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** Distinct, deterministic attester keys (offset keeps lists of separate escrows apart). */
function attesters(count: number, offset = 0) {
  return Array.from({ length: count }, (_, i) => validatorAccount(offset + i));
}

/**
 * Consents signed so far in this file, by their terms and attester. A fixture redeploys the same addresses, and an
 * attester signing the same terms again gives the same bytes (RFC 6979), so each consent is signed once: the
 * 10,000-validator test reuses the 3,000 of its fixture. `addValidators` still checks every one it stakes.
 */
const signedConsents = new Map<string, ValidatorEntry>();

/** Entries as participants submit them: each signed by its attester for the operator's withdrawer. */
async function entries(escrow: Address, list: ReturnType<typeof attesters>): Promise<ValidatorEntry[]> {
  const { chainId, rollup } = await bulkConsentTerms(publicClient, escrow);
  const key = (attester: Address) => `${chainId}:${escrow}:${rollup}:${OPERATOR}:${attester}`.toLowerCase();
  const unsigned = list.filter((account) => !signedConsents.has(key(account.address)));
  for (const entry of await consentedEntries({ publicClient, escrow, signers: unsigned, withdrawer: OPERATOR }))
    signedConsents.set(key(entry.attester), entry);
  return list.map((account) => signedConsents.get(key(account.address))!);
}

/** The Ignition Staking module plus a registered test rollup (until the real Rollup exists). */
async function deployStaking() {
  const { stakingAsset, registry, stakingEscrow } = await ignition.deploy(StakingModule, {
    parameters: { Staking: { minimumStake: STAKE, ejectionThreshold: STAKE / 2n } },
  });
  const rollup = await viem.deployContract("StakingTestRollup", [stakingEscrow.address, OPERATOR]);
  await registry.write.addRollup([rollup.address]);
  await stakingEscrow.write.addRollup([rollup.address]);
  return { stakingAsset, registry, escrow: stakingEscrow, rollup };
}

/** A second escrow over the same token and registry, for a side-by-side measurement. */
async function deploySecondEscrow(base: Awaited<ReturnType<typeof deployStaking>>) {
  const escrow = await viem.deployContract("StakingEscrow", [
    base.stakingAsset.address,
    base.registry.address,
    OPERATOR,
    STAKE,
    STAKE / 2n,
    86_400n,
  ]);
  await escrow.write.addRollup([base.rollup.address]);
  return escrow;
}

/** The operator flow: 3,000 submitted addresses in a JSON file, onboarded by `addValidators` (one command). */
async function withThreeThousand() {
  const deployment = await deployStaking();
  const dir = await mkdtemp(path.join(tmpdir(), "validators-"));
  const file = path.join(dir, "validators.json");
  const signed = await entries(deployment.escrow.address, attesters(3000));
  const submitted = signed.map((e) => e.attester);
  await writeFile(
    file,
    JSON.stringify(signed.map((e) => ({ attester: e.attester.toLowerCase(), signature: e.signature }))),
  );
  const validators = await readValidatorList({ file, defaultWithdrawer: OPERATOR });
  const result = await addValidators({
    publicClient,
    walletClient: operator,
    escrow: deployment.escrow.address,
    asset: deployment.stakingAsset.address,
    validators,
    mint: true,
  });
  return { ...deployment, submitted, validators, result };
}

describe("validators:add (src/validators)", () => {
  it("refuses, before sending anything, an entry without its attester's consent or signed by another key", async () => {
    const { stakingAsset, escrow } = await networkHelpers.loadFixture(deployStaking);
    const [good, other] = attesters(2, 30_000);
    const [signed] = await entries(escrow.address, [good]);
    const common = { publicClient, walletClient: operator, escrow: escrow.address, asset: stakingAsset.address };
    const unsigned = { ...signed, signature: undefined };
    const [foreign] = await entries(escrow.address, [other]);
    for (const [entry, given] of [
      [unsigned, "Given: no signature."],
      [{ ...signed, signature: foreign.signature }, "Given: a signature by 0x"], // another key, other terms
    ] as const) {
      let error: unknown;
      await addValidators({ ...common, validators: [entry], mint: true }).catch((e: unknown) => (error = e));
      expect((error as Error).message).to.contain(`Attester ${good.address} has no valid stake consent.`);
      expect((error as Error).message).to.contain(given);
    }
    // the good signature's malleated twin (s -> n - s, v flipped) and its v as 0/1: the same signer for a lenient
    // recovery, none for the escrow's OpenZeppelin ECDSA, which would revert the whole batch; refused up front
    const sig = signed.signature!;
    const [s, v] = [BigInt(`0x${sig.slice(66, 130)}`), parseInt(sig.slice(130), 16)];
    const twin = `${sig.slice(0, 66)}${(SECP256K1_N - s).toString(16).padStart(64, "0")}${v === 27 ? "1c" : "1b"}`;
    const zeroV = `${sig.slice(0, 130)}${(v - 27).toString(16).padStart(2, "0")}`;
    for (const signature of [twin, zeroV] as Hex[]) {
      const entry = { ...signed, signature };
      let error: unknown;
      await addValidators({ ...common, validators: [entry], mint: true }).catch((e: unknown) => (error = e));
      expect((error as Error).message).to.contain(`Attester ${good.address} has no valid stake consent.`);
      expect((error as Error).message).to.contain("Given: a signature the escrow recovers no signer from");
      await viem.assertions.revertWithCustomErrorWithArgs(
        escrow.write.addValidators([[entry]]),
        escrow,
        "StakingEscrow__InvalidConsent",
        [good.address, zeroAddress],
      );
    }
    expect(await escrow.read.totalStaked()).to.equal(0n, "nothing staked");
    expect((await addValidators({ ...common, validators: [signed], mint: true })).added).to.equal(1);
  });

  it("adds 3,000 validators from a JSON file in gas-limited batches and reports their status", async () => {
    const { stakingAsset, escrow, rollup, submitted, validators, result } =
      await networkHelpers.loadFixture(withThreeThousand);

    expect(result.added).to.equal(3000);
    console.log(
      `      ${result.transactions.length} batches of ${result.batchSize}: ${result.gasUsed / 3000n} gas per validator`,
    );
    expect(result.skipped).to.deep.equal([]);
    expect(result.transactions.length).to.equal(Math.ceil(3000 / result.batchSize));
    expect(result.transactions.length).to.be.greaterThan(1);
    for (const hash of result.transactions) {
      const receipt = await publicClient.getTransactionReceipt({ hash });
      expect(receipt.gasUsed <= TRANSACTION_GAS_CAP).to.equal(true);
    }
    const now = (await publicClient.getBlock()).timestamp;
    expect(await escrow.read.getSetSize([rollup.address, now])).to.equal(3000n);
    expect(await escrow.read.totalStaked()).to.equal(3000n * STAKE);
    expect(await stakingAsset.read.balanceOf([escrow.address])).to.equal(3000n * STAKE);

    const progress: number[] = [];
    const status = await validatorStatus({
      publicClient,
      escrow: escrow.address,
      attesters: submitted.slice(0, 300),
      onProgress: ({ read }) => progress.push(read),
    });
    expect(progress).to.deep.equal([256, 300], "progress after each chunk");
    expect(status.counts.VALIDATING).to.equal(300);
    expect(status.setSize).to.equal(3000n);
    expect(status.validators[7].effectiveRollup).to.equal(getAddress(rollup.address));

    // a re-run (e.g. after a partial failure) skips everyone already staked
    const again = await addValidators({
      publicClient,
      walletClient: operator,
      escrow: escrow.address,
      asset: stakingAsset.address,
      validators,
    });
    expect(again.added).to.equal(0);
    expect(again.skipped.length).to.equal(3000);
  });

  it("reads a committee from 10,000 validators for within 5% of the gas at 48", async () => {
    const base = await networkHelpers.loadFixture(withThreeThousand);
    const small = await deploySecondEscrow(base);
    const common = { publicClient, walletClient: operator, asset: base.stakingAsset.address, mint: true };
    // the same flow takes the set from 3,000 to 10,000 (the first 3,000 are skipped as already staked)
    const more = await addValidators({
      ...common,
      escrow: base.escrow.address,
      validators: await entries(base.escrow.address, attesters(10_000)),
    });
    expect(more.added).to.equal(7000);
    await addValidators({
      ...common,
      escrow: small.address,
      validators: await entries(small.address, attesters(48, 20_000)),
    });
    // committees read the set with a lag: measure at a timestamp one epoch (32 × 36 s) after the last change
    await networkHelpers.time.increase(32 * 36);
    const at = (await publicClient.getBlock()).timestamp - 1n;

    async function lookupGas(escrow: Address, size: number): Promise<bigint> {
      expect(
        await publicClient.readContract({
          address: escrow,
          abi: base.escrow.abi,
          functionName: "getSetSize",
          args: [base.rollup.address, at],
        }),
      ).to.equal(BigInt(size));
      // a committee-sized sample spread over the set (stride coprime with the size)
      const indices = Array.from({ length: COMMITTEE }, (_, i) => BigInt((i * 7919 + 13) % size));
      const data = encodeFunctionData({
        abi: base.escrow.abi,
        functionName: "getAttestersAtIndices",
        args: [base.rollup.address, indices, at],
      });
      return publicClient.estimateGas({ account: OPERATOR, to: escrow, data });
    }

    const gasAt10000 = await lookupGas(base.escrow.address, 10_000);
    const gasAt48 = await lookupGas(small.address, 48);
    console.log(
      `      committee lookup (${COMMITTEE} indices): ${gasAt48} gas at 48 validators, ${gasAt10000} at 10,000`,
    );
    const diff = gasAt10000 > gasAt48 ? gasAt10000 - gasAt48 : gasAt48 - gasAt10000;
    expect(Number(diff) / Number(gasAt48)).to.be.lessThanOrEqual(0.05);
  });
});
