import { describe, it } from "mocha";
import { expect } from "chai";
import { appendFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { completedSteps, watchDeployment } from "../../src/deploy/deploymentProgress.js";

const line = (type: string, futureId: string) => `${JSON.stringify({ futureId, type })}\n`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("deploy/deploymentProgress: plain progress of an Ignition deployment from its journal", () => {
  it("counts completed deployments and calls, names the last, and skips a line still being written", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ignition-journal-"));
    try {
      const journal = path.join(dir, "journal.jsonl");
      expect(completedSteps(journal)).to.deep.equal({ done: 0, last: "" }); // no journal yet
      await writeFile(
        journal,
        line("DEPLOYMENT_EXECUTION_STATE_INITIALIZE", "System#Rollup") +
          line("DEPLOYMENT_EXECUTION_STATE_COMPLETE", "System#Rollup") +
          line("CALL_EXECUTION_STATE_COMPLETE", "System#Inbox.bindRollup") +
          '{"futureId":"System#Outbox","type":"DEPLOYMENT_EXECUTION_STATE_COMPL',
      );
      expect(completedSteps(journal)).to.deep.equal({ done: 2, last: "System#Inbox.bindRollup" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes a line only when more steps completed since the last one, and nothing once stopped", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ignition-journal-"));
    const lines: string[] = [];
    const stop = watchDeployment(dir, (l) => lines.push(l), 20);
    try {
      await sleep(80); // no journal: silent
      expect(lines).to.deep.equal([]);
      const journal = path.join(dir, "journal.jsonl");
      await writeFile(journal, line("DEPLOYMENT_EXECUTION_STATE_COMPLETE", "Staking#Registry"));
      await sleep(80);
      await appendFile(journal, line("TRANSACTION_SEND", "System#Rollup"));
      await sleep(80);
      expect(lines).to.deep.equal(["deploying: 1 steps done (the last: Staking#Registry)"]);
      await appendFile(journal, line("DEPLOYMENT_EXECUTION_STATE_COMPLETE", "System#Rollup"));
      await sleep(80);
      stop();
      await appendFile(journal, line("DEPLOYMENT_EXECUTION_STATE_COMPLETE", "System#Outbox"));
      await sleep(80);
      expect(lines).to.deep.equal([
        "deploying: 1 steps done (the last: Staking#Registry)",
        "deploying: 2 steps done (the last: System#Rollup)",
      ]);
    } finally {
      stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
