import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { parseTestnetArgs, type SimulationOptions } from "../../src/sim/options.js";
import { runSimulation } from "../../src/sim/runSimulation.js";
import { useHardhatNode } from "../helpers/hardhatNode.js";

describe("npm run testnet --network localhost (a real `npx hardhat node` on a loopback port)", () => {
  const deploymentId = `testnet-localhost-test-${process.pid}`;
  const node = useHardhatNode(deploymentId);

  it("runs the same phase over JSON-RPC: time moved by the node's time RPCs, a reorg rolled back, blocks proven, the gate passes", async () => {
    const connection = await network.create({ network: "localhost", override: { url: node().url } });
    const options = parseTestnetArgs([
      "--network",
      "localhost",
      "--slots",
      "6",
      "--reorg-rate",
      "0.4",
    ]) as SimulationOptions;
    const { report, timeline } = await runSimulation(connection, { ...options, deploymentId });
    expect(report).to.include({ network: "localhost", slots: 6, fatal: null, gate: "pass" });
    expect(report.reorgsInjected).to.be.greaterThan(0);
    expect(report.reorgsRecovered).to.equal(report.reorgsInjected);
    expect(report.epochsProven).to.equal(1);
    expect(timeline.filter((r) => r.proposed).length).to.equal(report.blocksProposed);
    expect(report.checks.find((c) => c.name === "stateMatchesResync")).to.include({ pass: true });
  });
});
