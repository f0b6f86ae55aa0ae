import { describe, it } from "mocha";
import { expect } from "chai";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useHardhatNode } from "../helpers/hardhatNode.js";
import { type HardhatRun, runHardhat } from "../helpers/runHardhat.js";
import { type DeploymentRecord, deploymentRecordFile } from "../../src/deploy/deploymentRecord.js";

/** Deployments build with `production` by default; the suite built `default` (same sources, minutes faster). */
const DEFAULT_PROFILE = ["--build-profile", "default"];

/**
 * `deploy:system` as an operator runs it against a real `npx hardhat node` on a free loopback port: two phases on
 * one chain, each its own deployment (`chain-31337-<phase>`, `deployments/31337-<phase>.json`); the same deploy
 * again sends nothing; a changed parameter is refused in one line naming `--reset`, which then redeploys.
 */
describe("deploy:system (deployment ids, records, repeat, reset)", () => {
  const node = useHardhatNode(`deploy-commands-test-${process.pid}`);

  it("deploys phase1 and phase2 on one chain, repeats as a no-op, and refuses a changed module until --reset", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sp-deploy-"));
    const hardhat = (args: string[], env: Record<string, string> = {}): Promise<HardhatRun> =>
      runHardhat([...args, "--network", "localhost"], {
        env: { ...process.env, LOCALHOST_RPC_URL: node().url, ...env },
      });
    const deploy = async (...args: string[]): Promise<DeploymentRecord> => {
      const run = await hardhat([...DEFAULT_PROFILE, "deploy:system", "--json", ...args]);
      expect(run.code, run.stderr).to.equal(0);
      return JSON.parse(run.stdout) as DeploymentRecord;
    };
    const blockNumber = async () => {
      const response = await fetch(node().url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
      });
      return BigInt(((await response.json()) as { result: string }).result);
    };
    try {
      // piped, as in CI: no Ignition UI and no blank lines from the build, only the contracts and the summary
      const piped = await hardhat([...DEFAULT_PROFILE, "deploy:system", "--phase", "phase1"]);
      expect(piped.code, piped.stderr).to.equal(0);
      const phase1File = deploymentRecordFile(31337, "phase1");
      const phase1 = { ...(JSON.parse(await readFile(phase1File, "utf8")) as DeploymentRecord), file: phase1File };
      const lines = piped.stdout.trimEnd().split("\n");
      expect(lines.length, piped.stdout).to.be.at.most(15);
      expect(
        lines.filter((line) => line.trim() === ""),
        "blank lines",
      ).to.deep.equal([]);
      expect(lines).to.include(`rollup               ${phase1.contracts.rollup}`);
      expect(lines.at(-1)).to.equal(
        `deployment phase1 on chain 31337 (Ignition chain-31337-phase1), addresses in ${phase1.file}`,
      );
      expect(await deploy("--phase", "phase1")).to.deep.equal(phase1, "--json of the same deployment");
      const phase2 = await deploy("--phase", "phase2");
      expect([phase1.ignitionDeploymentId, phase2.ignitionDeploymentId]).to.deep.equal([
        "chain-31337-phase1",
        "chain-31337-phase2",
      ]);
      expect(phase2.contracts.rollup).to.not.equal(phase1.contracts.rollup);
      const file = path.join(process.cwd(), "deployments", "31337-phase2.json");
      const { file: written, ...record } = phase2 as DeploymentRecord & { file: string };
      expect(written).to.equal(file);
      expect(JSON.parse(await readFile(file, "utf8"))).to.deep.equal(record);

      const before = await blockNumber();
      expect(await deploy("--phase", "phase2")).to.deep.equal(phase2, "the same deployment again");
      expect(await blockNumber()).to.equal(before, "a repeated deploy sends nothing");

      const changed = path.join(dir, "changed.json");
      await writeFile(changed, JSON.stringify({ System: { quorumSize: 60 } }));
      const refused = await hardhat([
        ...DEFAULT_PROFILE,
        "deploy:system",
        "--phase",
        "phase2",
        "--parameters",
        changed,
      ]);
      expect(refused.code).to.equal(1);
      const refusal = refused.stderr.trim().split("\n");
      expect(refusal).to.have.length(1);
      expect(refusal[0]).to.match(
        /^error: Ignition refuses to continue deployment chain-31337-phase2: .*System#GovernanceProposer: Argument at index 2 has been changed.*--reset/,
      );

      const reset = await deploy("--phase", "phase2", "--parameters", changed, "--reset");
      expect(reset.contracts.governanceProposer).to.not.equal(phase2.contracts.governanceProposer);

      // two deployments on the chain: a command needs the one it means
      const ambiguous = await hardhat(["gov:status"]);
      expect(ambiguous.code).to.equal(1);
      expect(ambiguous.stderr.trim()).to.equal(
        "error: Several deployments on chain 31337: pass --governance or set SP_DEPLOYMENT. Expected: SP_DEPLOYMENT=phase1 | phase2. Given: none.",
      );
      const status = await hardhat(["gov:status"], { SP_DEPLOYMENT: "phase1" });
      expect(status.code, status.stderr).to.equal(0);
      expect(status.stdout).to.include(`canonical rollup ${phase1.contracts.rollup}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
