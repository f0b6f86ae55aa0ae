import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { toHex, zeroAddress, type Hex } from "viem";
import { readInboxMessages, reconcileInbox } from "../../src/messaging/inboxFollower.js";
import type { InboxMessageSent } from "../../src/messaging/inboxTrees.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;
const publicClient = await viem.getPublicClient();

const word = (n: bigint): Hex => toHex(n, { size: 32 });

async function inboxFixture() {
  const inbox = await viem.deployContract("Inbox", [4n, 8n, 1n, 0n, zeroAddress]);
  return { inbox };
}

type Inbox = Awaited<ReturnType<typeof inboxFixture>>["inbox"];

async function send(inbox: Inbox, content: bigint) {
  const client = await viem.getPublicClient();
  await client.waitForTransactionReceipt({
    hash: await inbox.write.sendL2Message([word(1n), word(content), word(2n)]),
  });
}

/**
 * Messages 10 and 11 are sent and the follower reads them; then the L1 reorg drops the block holding message 11
 * (the chain returns to the state after message 10). Returns what the follower saw.
 */
async function seenThenReorged(inbox: Inbox): Promise<InboxMessageSent[]> {
  await send(inbox, 10n);
  const beforeReorg = await networkHelpers.takeSnapshot();
  await send(inbox, 11n);
  const seen = await readInboxMessages(publicClient, inbox.address);
  const [seenRolling] = await inbox.read.getRollingHash();
  expect(seenRolling).to.equal(seen[1].rollingHash);
  await beforeReorg.restore();
  return seen;
}

describe("Inbox follower across an L1 reorg", () => {
  it("notices a message the reorg replaced: the rolling hash at its position changed", async () => {
    const { inbox } = await networkHelpers.loadFixture(inboxFixture);
    const seen = await seenThenReorged(inbox);
    await send(inbox, 12n); // another block at the dropped one's height carries message 12

    const [rolling, count] = await inbox.read.getRollingHash();
    expect(count).to.equal(2n); // same number of messages: only the rolling hash tells the histories apart
    expect(rolling).to.not.equal(seen[1].rollingHash);
    const now = await readInboxMessages(publicClient, inbox.address);
    const result = reconcileInbox(seen, now);
    expect(result).to.deep.equal({ status: "reorged", fromPosition: 1, removed: [seen[1]], added: [now[1]] });
    expect(now[1].index).to.equal(seen[1].index); // same tree position, different message
    expect(now[1].leaf).to.not.equal(seen[1].leaf);
  });

  it("notices a message the reorg removed without replacement", async () => {
    const { inbox } = await networkHelpers.loadFixture(inboxFixture);
    const seen = await seenThenReorged(inbox);
    await networkHelpers.mine(2); // the new branch is longer but carries no message

    const [, count] = await inbox.read.getRollingHash();
    expect(count).to.equal(1n);
    expect(reconcileInbox(seen, await readInboxMessages(publicClient, inbox.address))).to.deep.equal({
      status: "reorged",
      fromPosition: 1,
      removed: [seen[1]],
      added: [],
    });
  });

  it("takes new messages on an unchanged history as consistent", async () => {
    const { inbox } = await networkHelpers.loadFixture(inboxFixture);
    await send(inbox, 10n);
    const seen = await readInboxMessages(publicClient, inbox.address);
    await send(inbox, 11n);
    const now = await readInboxMessages(publicClient, inbox.address);
    expect(reconcileInbox(seen, now)).to.deep.equal({ status: "consistent", added: [now[1]] });
    expect(reconcileInbox([], now)).to.deep.equal({ status: "consistent", added: now });
    expect(reconcileInbox(now, now)).to.deep.equal({ status: "consistent", added: [] });
  });
});
