import { describe, it } from "mocha";
import { expect } from "chai";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { CommandError } from "../../src/cli/CommandError.js";
import { resolveDeployedAddress } from "../../src/cli/resolveDeployedAddress.js";
import { writeDeploymentRecord } from "../../src/deploy/deploymentRecord.js";

const ESCROW = { contract: "StakingEscrow", option: "escrow" };
const ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** A project root whose chain-31337 Ignition deployment holds `addresses`. */
async function rootWith(addresses: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "sp-deployed-"));
  const dir = path.join(root, "ignition", "deployments", "chain-31337");
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "deployed_addresses.json"), JSON.stringify(addresses));
  return root;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(CommandError);
  return (error as CommandError).message;
}

describe("resolveDeployedAddress", () => {
  it("takes the option's address, checksummed, before any deployment file", async () => {
    const root = await rootWith({ "System#StakingEscrow": "0x0000000000000000000000000000000000000001" });
    expect(await resolveDeployedAddress(ESCROW, ADDRESS.toLowerCase(), 31337, root)).to.equal(ADDRESS);
  });

  it("reads the <module>#<contract> entry of the chain's Ignition deployment", async () => {
    const root = await rootWith({
      "System#StakingAsset": "0x0000000000000000000000000000000000000001",
      "System#StakingEscrow": ADDRESS,
    });
    expect(await resolveDeployedAddress(ESCROW, "", 31337, root)).to.equal(ADDRESS);
  });

  it("refuses a malformed option, naming it", async () => {
    expect(await refusal(resolveDeployedAddress(ESCROW, "0x12", 31337))).to.equal(
      '--escrow is not an address. Expected: 0x followed by 40 hex digits. Given: "0x12".',
    );
  });

  it("refuses when neither the option nor a deployment of this chain exists", async () => {
    const root = await rootWith({});
    const message = await refusal(resolveDeployedAddress(ESCROW, "", 11155111, root));
    expect(message).to.contain("No StakingEscrow address: pass --escrow or deploy with Ignition first.");
    expect(message).to.contain("chain-11155111");
  });

  it("refuses a deployment that has no such contract", async () => {
    const root = await rootWith({ "System#Governance": ADDRESS });
    expect(await refusal(resolveDeployedAddress(ESCROW, "", 31337, root))).to.contain(
      "The Ignition deployment has no StakingEscrow.",
    );
  });

  it("prefers the chain's deploy:system record, and asks which one when there are several", async () => {
    const root = await rootWith({ "System#StakingEscrow": "0x0000000000000000000000000000000000000001" });
    const record = (id: string, escrow: `0x${string}`) => ({
      chainId: 31337,
      deploymentId: id,
      ignitionDeploymentId: `chain-31337-${id}`,
      phase: id,
      contracts: { stakingEscrow: escrow },
    });
    await writeDeploymentRecord(record("phase1", ADDRESS), root);
    expect(await resolveDeployedAddress(ESCROW, "", 31337, root)).to.equal(ADDRESS);
    await writeDeploymentRecord(record("phase2", "0x0000000000000000000000000000000000000002"), root);
    expect(await refusal(resolveDeployedAddress(ESCROW, "", 31337, root))).to.equal(
      "Several deployments on chain 31337: pass --escrow or set SP_DEPLOYMENT. Expected: SP_DEPLOYMENT=phase1 | phase2. Given: none.",
    );
    process.env.SP_DEPLOYMENT = "phase1";
    try {
      expect(await resolveDeployedAddress(ESCROW, "", 31337, root)).to.equal(ADDRESS);
    } finally {
      delete process.env.SP_DEPLOYMENT;
    }
  });
});
