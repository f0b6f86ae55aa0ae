/**
 * The node process as a Hardhat task, so it has `--help`, `--network` and typed options:
 *   npx hardhat node:run --keys DIR --publisher FILE --store DIR [--roles sequencer,attester,prover,slasher,follower]
 *     [--password-file FILE] [--metrics-port 9464] [--poll-ms 2000] [--beacon URL] [--signal-payload 0x…]
 *     [--p2p-port N [--p2p-host IP] [--p2p-announce MA,…] [--bootstrap MA,…] [--attestation-timeout-ms N]]
 *     [--deployment-id ID | --rollup 0x… --start-block N …] --network localhost
 * (also `npm run node -- …`). The logic lives in src/node/run/; this file only declares the options.
 */
import { task } from "hardhat/config";
import { afterBuild } from "../../src/cli/afterBuild.js";

const address = (name: string, contract: string) =>
  ({ name, description: `${contract} address (default: the Ignition deployment's)`, defaultValue: "" }) as const;

export const nodeTasks = [
  task(
    "node:run",
    "Run a validator node (sequencer, attester, prover, slasher, follower) for keystore keys until Ctrl-C",
  )
    .addOption({
      name: "roles",
      description:
        "Comma-separated: sequencer, attester, prover, slasher (signals and executes slash rounds), follower",
      defaultValue: "sequencer,attester,prover,follower",
    })
    .addOption({ name: "keys", description: "Folder of attester keystores (V3 JSON, keys:new)", defaultValue: "" })
    .addOption({ name: "publisher", description: "Keystore of the publisher key that pays L1 gas", defaultValue: "" })
    .addOption({
      name: "passwordFile",
      description: "File whose first line is the keystores' password (else $SP_KEYSTORE_PASSWORD, else a prompt)",
      defaultValue: "",
    })
    .addOption({
      name: "store",
      description: "Folder of the node's SQLite store (a restart continues from it)",
      defaultValue: "",
    })
    .addOption({
      name: "beacon",
      description: "Beacon API URL to fetch blobs from (besides the local blob store)",
      defaultValue: "",
    })
    .addOption({ name: "metricsHost", description: "Address the metrics server listens on", defaultValue: "127.0.0.1" })
    .addOption({
      name: "metricsPort",
      description: "Port of /metrics and /health (0: any free port)",
      defaultValue: "9464",
    })
    .addOption({
      name: "pollMs",
      description: "Milliseconds between steps (L1 poll, prover, sequencer)",
      defaultValue: "2000",
    })
    .addOption({ name: "signalPayload", description: "Governance payload to signal when proposing", defaultValue: "" })
    .addOption({ name: "txCount", description: "Transactions per proposed block (random payloads)", defaultValue: "1" })
    .addOption({
      name: "p2pPort",
      description: "libp2p TCP port: gossip proposals and attestations with other nodes (0: any free port)",
      defaultValue: "",
    })
    .addOption({ name: "p2pHost", description: "IPv4 address libp2p listens on", defaultValue: "127.0.0.1" })
    .addOption({
      name: "p2pAnnounce",
      description: "Comma-separated multiaddrs peers should dial (e.g. /ip4/203.0.113.7/tcp/40400)",
      defaultValue: "",
    })
    .addOption({
      name: "bootstrap",
      description: "Comma-separated peer multiaddrs (/ip4/…/tcp/…/p2p/<peer id>) dialled at start",
      defaultValue: "",
    })
    .addOption({
      name: "attestationTimeoutMs",
      description: "How long a proposer waits for floor(2n/3)+1 attestations over p2p (default 5000)",
      defaultValue: "",
    })
    .addOption({
      name: "deploymentId",
      description: "Ignition deployment folder (default: chain-<id>)",
      defaultValue: "",
    })
    .addOption(address("rollup", "Rollup"))
    .addOption(address("inbox", "Inbox"))
    .addOption(address("outbox", "Outbox"))
    .addOption(address("governanceProposer", "GovernanceProposer"))
    .addOption(address("governance", "Governance"))
    .addOption(address("stakingEscrow", "StakingEscrow"))
    .addOption({
      name: "startBlock",
      description: "First L1 block to read (default: the deployment's first)",
      defaultValue: "",
    })
    .addOption({
      name: "logLevel",
      description: "pino level: debug (every step), info, warn, error",
      defaultValue: "info",
    })
    .addFlag({
      name: "resync",
      description: "Rebuild the store's L1 state from the start block (after an upgrade; signing protection kept)",
    })
    .setAction(afterBuild(() => import("./run.js")))
    .build(),
];
