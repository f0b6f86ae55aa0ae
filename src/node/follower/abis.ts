/**
 * Every ABI the node reads, from the compiled Hardhat artifacts (never hand-written fragments). The one place to
 * point at the project's shared ABI module (src/chain/abi.ts) once it exists.
 */
import { createRequire } from "node:module";
import type { Rollup$Type } from "../../../artifacts/contracts/core/Rollup.sol/artifacts.js";
import type { Inbox$Type } from "../../../artifacts/contracts/core/Inbox.sol/artifacts.js";
import type { Outbox$Type } from "../../../artifacts/contracts/core/Outbox.sol/artifacts.js";
import type { GovernanceProposer$Type } from "../../../artifacts/contracts/governance/GovernanceProposer.sol/artifacts.js";
import type { Governance$Type } from "../../../artifacts/contracts/governance/Governance.sol/artifacts.js";
import type { StakingEscrow$Type } from "../../../artifacts/contracts/staking/StakingEscrow.sol/artifacts.js";

// The artifacts are JSON read at run time (the project's `module: node16` has no JSON import attributes); their
// generated declaration files give the exact (const) ABI types.
const load = createRequire(import.meta.url);
const artifact = (path: string) => load(`../../../artifacts/contracts/${path}`) as { abi: unknown };

export const rollupAbi = artifact("core/Rollup.sol/Rollup.json").abi as Rollup$Type["abi"];
export const inboxAbi = artifact("core/Inbox.sol/Inbox.json").abi as Inbox$Type["abi"];
export const outboxAbi = artifact("core/Outbox.sol/Outbox.json").abi as Outbox$Type["abi"];
export const governanceProposerAbi = artifact("governance/GovernanceProposer.sol/GovernanceProposer.json")
  .abi as GovernanceProposer$Type["abi"];
export const governanceAbi = artifact("governance/Governance.sol/Governance.json").abi as Governance$Type["abi"];
export const stakingEscrowAbi = artifact("staking/StakingEscrow.sol/StakingEscrow.json")
  .abi as StakingEscrow$Type["abi"];
