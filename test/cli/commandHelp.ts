import { describe, it } from "mocha";
import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { deployTasks } from "../../scripts/deploy/tasks.js";
import { governanceTasks } from "../../scripts/governance/tasks.js";
import { keysTasks } from "../../scripts/keys/tasks.js";
import { nodeTasks } from "../../scripts/node/tasks.js";
import { timeTasks } from "../../scripts/time/tasks.js";
import { validatorTasks } from "../../scripts/validators/tasks.js";
import { runHardhat } from "../helpers/runHardhat.js";

const hardhat = (args: string[]) => runHardhat(args);

/** Every project command, as hardhat.config.ts registers them, with the options each declares. */
const COMMANDS = [...deployTasks, ...governanceTasks, ...keysTasks, ...nodeTasks, ...timeTasks, ...validatorTasks].map(
  (task) => ({
    name: task.id.join(" "),
    // Hardhat's kebab-casing, as --help prints it: a dash before each capital and before a run of digits
    // (`p2pPort` → `--p-2p-port`; the command line takes `--p2p-port` too).
    options: Object.keys(task.options).map(
      (option) => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/(?<=[a-z])(?=\d)/g, "-")}`,
    ),
  }),
);

/** Runs `jobs` at most `width` at a time (each is a Hardhat process of a few seconds). */
async function inBatches<T>(jobs: (() => Promise<T>)[], width = 4): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += width)
    results.push(...(await Promise.all(jobs.slice(i, i + width).map((j) => j()))));
  return results;
}

describe("every command's --help and one-line refusals", () => {
  it("each command's --help exits 0 and names every option it declares", async () => {
    expect(COMMANDS.length).to.be.greaterThan(15);
    const runs = await inBatches(
      COMMANDS.map(
        ({ name }) =>
          () =>
            hardhat([...name.split(" "), "--help"]),
      ),
    );
    for (const [i, { name, options }] of COMMANDS.entries()) {
      expect(runs[i].code, `${name} --help: ${runs[i].stderr}`).to.equal(0);
      for (const option of options) expect(runs[i].stdout, `${name} --help names ${option}`).to.include(option);
    }
  });

  it("refuses a bad --from, an empty validator list and a missing time target in one line with exit 1", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sp-cli-"));
    try {
      const empty = path.join(dir, "empty.json");
      await writeFile(empty, "[]\n");
      const stranger = "0x00000000000000000000000000000000000000b2";
      const governance = ["--governance", "0x0000000000000000000000000000000000000001"];
      const cases: [string[], string][] = [
        [
          ["gov:submit", "--from", "0xq", ...governance],
          'error: --from is not an address. Expected: 0x followed by 40 hex digits. Given: "0xq".',
        ],
        [
          ["gov:vote", "--proposal", "1", "--support", "for", "--from", stranger, ...governance],
          `error: The network cannot sign for --from. Expected: one of its 20 accounts (a local node's, or the keystore key's). Given: ${stranger}.`,
        ],
        [
          ["validators:add", "--file", empty, "--escrow", "0x0000000000000000000000000000000000000001"],
          `error: ${empty}: top level is malformed. Expected: at least one entry. Given: [].`,
        ],
        [
          ["time:advance", ...governance],
          "error: Give one target. Expected: one of --slots N, --to-round-end, --to-state <state>. Given: 0.",
        ],
      ];
      const runs = await inBatches(
        cases.map(
          ([args]) =>
            () =>
              hardhat(args),
        ),
      );
      for (const [i, [args, line]] of cases.entries()) {
        expect(runs[i].code, args.join(" ")).to.equal(1);
        expect(runs[i].stderr.trim(), args.join(" ")).to.equal(line);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
