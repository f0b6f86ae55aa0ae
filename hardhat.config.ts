import { createRequire } from "node:module";
import { configVariable, defineConfig } from "hardhat/config";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import hardhatViemAssertions from "@nomicfoundation/hardhat-viem-assertions";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatMocha from "@nomicfoundation/hardhat-mocha";
import hardhatIgnitionViem from "@nomicfoundation/hardhat-ignition-viem";
import hardhatKeystore from "@nomicfoundation/hardhat-keystore";
import hardhatVerify from "@nomicfoundation/hardhat-verify";
import { validatorTasks } from "./scripts/validators/tasks.js";
import { deployTasks } from "./scripts/deploy/tasks.js";
import { governanceTasks } from "./scripts/governance/tasks.js";
import { nodeTasks } from "./scripts/node/tasks.js";
import { keysTasks } from "./scripts/keys/tasks.js";
import { timeTasks } from "./scripts/time/tasks.js";

// No native solc can be downloaded on CI machines: every profile runs the
// solc-js (wasm) build shipped in the `solc` npm package, so builds are offline.
const solcJsPath = createRequire(import.meta.url).resolve("solc/soljson.js");
const SOLC_VERSION = "0.8.30";
// Prague: blob opcodes (EIP-4844) and the point-evaluation precompile 0x0a exist.
const EVM_VERSION = "prague";

export default defineConfig({
  plugins: [
    hardhatViem,
    hardhatViemAssertions,
    hardhatNetworkHelpers,
    hardhatMocha,
    hardhatIgnitionViem,
    hardhatKeystore,
    hardhatVerify,
  ],
  tasks: [...validatorTasks, ...governanceTasks, ...deployTasks, ...nodeTasks, ...keysTasks, ...timeTasks],
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: solcJsPath,
        // The optimizer (without viaIR, which is slow) keeps the Rollup (≈ 26.6 KB unoptimized, with epoch proofs)
        // and the OpenZeppelin Governor (≈ 36 KB) under EIP-170, which the in-process network enforces.
        settings: { evmVersion: EVM_VERSION, optimizer: { enabled: true, runs: 200 } },
      },
      production: {
        version: SOLC_VERSION,
        path: solcJsPath,
        settings: {
          evmVersion: EVM_VERSION,
          viaIR: true,
          optimizer: { enabled: true, runs: 200 },
          // for `npm run check:storage` (snapshots/storage-layouts.json); Hardhat adds its own outputs to these
          outputSelection: { "*": { "*": ["storageLayout"] } },
        },
      },
    },
  },
  // `npm run coverage`: contracts/ only (the test-only mocks are not the product), gated at 95 % of lines in CI.
  coverage: { skipFiles: ["contracts/mocks/**"] },
  test: {
    solidity: {
      fuzz: { runs: 256, seed: "0x5eed" },
      invariant: { runs: 256, depth: 50, failOnRevert: false },
    },
    mocha: { timeout: 600_000, parallel: true, jobs: 2 },
  },
  // `npx hardhat node` (chain 31337) stands in for Sepolia when `sepoliaFork` is tried offline: EDR must know
  // which hardfork a forked chain's blocks ran (it knows Sepolia's), and the local node runs Prague throughout.
  chainDescriptors: {
    31337: { name: "Local node", chainType: "l1", hardforkHistory: { prague: { blockNumber: 0 } } },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    // A local node: `npx hardhat node` on 127.0.0.1:8545 unless LOCALHOST_RPC_URL names another (e.g. a free port).
    localhost: { type: "http", chainType: "l1", url: process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545" },
    // A local fork of Sepolia (same RPC secret), e.g. for `gov:simulate --network sepoliaFork`: nothing is sent.
    // The commands fork the head (src/cli/connectNetwork.ts); SEPOLIA_FORK_BLOCK=<n> pins block n instead.
    sepoliaFork: {
      type: "edr-simulated",
      chainType: "l1",
      chainId: 11155111,
      forking: {
        url: configVariable("SEPOLIA_RPC_URL"),
        ...(process.env.SEPOLIA_FORK_BLOCK === undefined
          ? {}
          : { blockNumber: BigInt(process.env.SEPOLIA_FORK_BLOCK) }),
      },
    },
    sepolia: {
      type: "http",
      chainType: "l1",
      chainId: 11155111,
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_DEPLOYER_KEY")],
    },
  },
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
});
