import { describe, it } from "mocha";
import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useHardhatNode } from "../helpers/hardhatNode.js";
import { type HardhatRun, runHardhat } from "../helpers/runHardhat.js";

/** The node's first five accounts (`npx hardhat node`'s well-known test accounts): operator and four validators. */
const OPERATOR = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const VALIDATORS = [
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
];
const ADDRESS = "0x[0-9a-fA-F]{40}";
/**
 * Deploy commands build with the `production` profile unless told otherwise; the suite already built `default`
 * (same sources, no viaIR), and a production build would add minutes to the run.
 */
const DEFAULT_PROFILE = ["--build-profile", "default"];

/**
 * The phase-2 hard fork run with commands only, as an operator and the sequencers would, against a real
 * `npx hardhat node` on a free loopback port (`--network localhost`, `LOCALHOST_RPC_URL`): deploy the system
 * (short rounds), onboard four validators from their signed consents, deploy v2 (`deploy:rollup`), write and
 * simulate the payload, signal it in three slots of a round from each slot's proposer (read from `gov:status`),
 * submit, vote, queue and execute, moving the local clock with `time:advance`. The payload for a plain account
 * is refused; a payload whose actions succeed but leave a check failing (a v2 before its genesis) fails
 * `gov:simulate` with exit code 1.
 */
describe("hard fork with commands only (npx hardhat node)", () => {
  const deploymentId = `hard-fork-commands-test-${process.pid}`;
  const node = useHardhatNode(deploymentId);

  it("deploy:rollup, gov:payload, gov:simulate, gov:signal, gov:submit, gov:vote, gov:queue, gov:execute move the system to v2", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sp-hard-fork-"));
    const hardhat = (...args: string[]): Promise<HardhatRun> =>
      runHardhat([...args, "--network", "localhost"], { env: { ...process.env, LOCALHOST_RPC_URL: node().url } });
    const ok = async (...args: string[]): Promise<string> => {
      const run = await hardhat(...args);
      expect(run.code, `${args[0]} failed: ${run.stderr}${run.stdout}`).to.equal(0);
      return run.stdout;
    };
    const match = (text: string, pattern: RegExp): string => {
      const found = text.match(pattern);
      expect(found, `${pattern} in:\n${text}`).to.not.equal(null);
      return found![1];
    };
    try {
      const overrides = path.join(dir, "short-rounds.json");
      const rounds = { roundSize: 5, quorumSize: 3, votingDelay: 72, votingPeriod: 720, timelockDelay: 360 };
      await writeFile(overrides, JSON.stringify({ System: { ...rounds, quorumNumerator: 10 } }));
      const system = await ok(...DEFAULT_PROFILE, "deploy:system", "--phase", "phase2", "--parameters", overrides);
      const v1 = match(system, new RegExp(`rollup +(${ADDRESS})`));

      const entries = [];
      for (const attester of VALIDATORS) {
        const out = await ok("validators:consent", "--attester", attester, "--withdrawer", OPERATOR);
        entries.push(JSON.parse(out.trim().split("\n").pop()!));
      }
      const file = path.join(dir, "validators.json");
      await writeFile(file, JSON.stringify(entries));
      expect(await ok("validators:add", "--file", file)).to.match(/added 4 validators/);
      // committees sample the set two epochs after the stake
      await ok("time:advance", "--slots", "70");

      const deployed = await ok(...DEFAULT_PROFILE, "deploy:rollup", "--deployment-id", deploymentId);
      const v2 = match(deployed, new RegExp(`rollup +(${ADDRESS})`));
      expect(deployed).to.include("Rollup v2 (Ignition deployment");
      expect(deployed.trimEnd().split("\n"), "piped: no Ignition UI, only the result").to.have.length(7);
      // Ignition recorded it: the same command again sends nothing and prints the same contracts
      expect(
        match(
          await ok(...DEFAULT_PROFILE, "deploy:rollup", "--deployment-id", deploymentId),
          new RegExp(`rollup +(${ADDRESS})`),
        ),
      ).to.equal(v2);

      const refused = await hardhat("gov:payload", "--kind", "hard-fork", "--new-rollup", VALIDATORS[0]);
      expect(refused.code).to.equal(1);
      expect(refused.stderr.trim()).to.equal(
        `error: The new rollup is not a contract. Expected: a Rollup deployed with deploy:rollup. Given: ${VALIDATORS[0]}.`,
      );
      const payload = match(
        await ok("gov:payload", "--kind", "hard-fork", "--new-rollup", v2),
        new RegExp(`HardForkPayload deployed at (${ADDRESS})`),
      );

      const simulation = await ok("gov:simulate", "--payload", payload);
      expect(simulation).to.include(`  canonical rollup: ${v1} -> ${v2}`);
      expect(simulation).to.include(`  followers' rollup: ${v1} -> ${v2}`);
      expect(simulation).to.match(/ {2}validators of the canonical rollup: 4 -> 4\n/);
      expect(simulation).to.match(/RESULT: ok, total gas \d+/);

      // a v2 whose clock starts in 2096: both actions succeed, then the round check reverts and the command fails
      const early = path.join(dir, "early-genesis.json");
      await writeFile(early, JSON.stringify({ RollupVersion: { genesisTime: 4_000_000_000 } }));
      const earlyRollup = match(
        await ok(
          ...DEFAULT_PROFILE,
          "deploy:rollup",
          "--parameters",
          early,
          "--deployment-id",
          `${deploymentId}-early`,
        ),
        new RegExp(`rollup +(${ADDRESS})`),
      );
      const earlyPayload = match(
        await ok("gov:payload", "--kind", "hard-fork", "--new-rollup", earlyRollup),
        new RegExp(`HardForkPayload deployed at (${ADDRESS})`),
      );
      const failed = await hardhat("gov:simulate", "--payload", earlyPayload);
      expect(failed.code, failed.stdout).to.equal(1);
      expect(failed.stdout).to.match(
        new RegExp(`action 1: Registry ${ADDRESS}\\.addRollup\\(${earlyRollup}\\)  gas \\d+`),
      );
      expect(failed.stdout).to.match(
        new RegExp(`action 2: StakingEscrow ${ADDRESS}\\.addRollup\\(${earlyRollup}\\)  gas \\d+`),
      );
      expect(failed.stdout).to.match(
        /\nRESULT: failed: check after the actions \(signalling round \(GovernanceProposer\)\) reverts TimeLib__BeforeGenesis\(4000000000, \d+\)\n/,
      );

      await ok("time:advance", "--to-round-end");
      for (let i = 0; i < rounds.quorumSize; i++) {
        const status = await ok("gov:status");
        const proposer = match(status, new RegExp(`slot \\d+: proposer (${ADDRESS})`));
        expect(VALIDATORS).to.include(proposer);
        expect(status).to.include(`slot ${i + 1} of ${rounds.roundSize} of round`);
        expect(await ok("gov:signal", "--payload", payload, "--from", proposer)).to.include(`signalled ${payload}`);
        await ok("time:advance", "--slots", "1");
      }
      expect(await ok("gov:status")).to.match(new RegExp(`leader ${payload} with 3/3 signals`));
      await ok("time:advance", "--to-round-end");
      const proposal = match(await ok("gov:submit"), /submitted as proposal (\d+)/);

      await ok("time:advance", "--to-state", "active", "--proposal", proposal);
      for (const voter of VALIDATORS.slice(0, 2)) {
        expect(await ok("gov:vote", "--proposal", proposal, "--support", "for", "--from", voter)).to.include(
          `${voter} voted for on proposal ${proposal} with weight 100000000000000000000`,
        );
      }
      await ok("time:advance", "--to-state", "ended", "--proposal", proposal);
      await ok("gov:queue", "--proposal", proposal);
      await ok("time:advance", "--to-state", "executable", "--proposal", proposal);
      await ok("gov:execute", "--proposal", proposal);

      const after = await ok("gov:status");
      expect(after).to.include(`canonical rollup ${v2}`);
      expect(after).to.match(new RegExp(`${proposal} Executed payload ${payload}`));
    } finally {
      await rm(dir, { recursive: true, force: true });
      // useHardhatNode forgets `deploymentId` (and the chain-31337 records), not this second one
      await rm(path.join(process.cwd(), "ignition", "deployments", `${deploymentId}-early`), {
        recursive: true,
        force: true,
      });
    }
  });
});
