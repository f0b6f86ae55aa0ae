import type { DeployedRollupVersion } from "./deployRollupVersion.js";

/** What `deploy:rollup` prints: the new version's addresses, its clock and the next step of the runbook. */
export function formatRollupVersion({ rollup, inbox, outbox, parameters: p }: DeployedRollupVersion, id: string) {
  return [
    `Rollup v${p.rollupVersion} (Ignition deployment ${id}), not registered yet:`,
    `rollup               ${rollup}`,
    `inbox                ${inbox}`,
    `outbox               ${outbox}`,
    `escrow ${p.escrow}, owner ${p.owner}, verifier ${p.verifier}`,
    `genesis ${p.genesisTime}, ${p.slotDuration} s slots, ${p.epochDuration}-slot epochs, committee ${p.targetCommitteeSize}`,
    `next: npx hardhat gov:payload --kind hard-fork --new-rollup ${rollup}`,
  ].join("\n");
}
