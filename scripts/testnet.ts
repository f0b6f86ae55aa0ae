/**
 * `npm run testnet -- [options]` (`--help` lists them): runs a phase of the network in simulated time and prints
 * the gate's verdict; exit code 0 pass, 1 fail, 2 bad arguments. The logic is `src/sim/runTestnet.ts`.
 */
import { network } from "hardhat";
import { runTestnet } from "../src/sim/runTestnet.js";

process.exitCode = await runTestnet(process.argv.slice(2), (name, url) =>
  url !== undefined
    ? network.create({ network: "localhost", override: { url } })
    : name === "localhost"
      ? network.create("localhost")
      : network.create(),
);
