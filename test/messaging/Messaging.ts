import { describe, it } from "mocha";
import { expect } from "chai";
import { network } from "hardhat";
import { parseEventLogs, toHex } from "viem";
import { INBOX_HEIGHT, SLOT, EPOCH, deployProofChain } from "../proofs/helpers/proofChain.js";
import { emptyInboxRoot, inboxRoots } from "../../src/messaging/inboxTrees.js";
import { readInboxMessages } from "../../src/messaging/inboxFollower.js";
import { outTree } from "../../src/messaging/outboxProof.js";
import { l1ToL2Leaf, l2ToL1Leaf } from "../../src/messaging/messageLeaves.js";
import { buildEpochProof, planEpoch } from "../../src/prover/buildEpochProof.js";

const connection = await network.create();
const { viem, networkHelpers } = connection;

async function chainFixture() {
  return deployProofChain(connection);
}

describe("Inbox.sendL2Message → Rollup.propose", () => {
  it("lands a message in the tree that the next-but-one block consumes, and that block's inHash is its root", async () => {
    const chain = await networkHelpers.loadFixture(chainFixture);
    const recipient = toHex(0xabcn, { size: 32 });
    const hash = await chain.inbox.write.sendL2Message([recipient, toHex(1n, { size: 32 }), toHex(2n, { size: 32 })]);
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
    const [sent] = parseEventLogs({ abi: chain.inbox.abi, logs: receipt.logs, eventName: "MessageSent" });
    expect(sent.args.l2BlockNumber).to.equal(2n);
    expect(sent.args.l1BlockNumber).to.equal(receipt.blockNumber);
    expect(sent.args.leaf).to.equal(
      l1ToL2Leaf({
        sender: chain.deployer.account.address,
        chainId: BigInt(await chain.publicClient.getChainId()),
        recipient,
        version: 1n,
        content: toHex(1n, { size: 32 }),
        secretHash: toHex(2n, { size: 32 }),
        index: sent.args.index,
      }),
    );

    // Block 1 consumes the empty tree 1 and seals tree 2.
    await chain.propose(0n, { inHash: emptyInboxRoot(INBOX_HEIGHT) });
    const roots = inboxRoots(await readInboxMessages(chain.publicClient, chain.inbox.address), INBOX_HEIGHT);
    expect(roots.get(2n)).to.equal(await chain.inbox.read.getRoot([2n]));
    // A block 2 that claims an empty inbox is refused; with the tree's root it is accepted.
    await viem.assertions.revertWithCustomErrorWithArgs(
      chain.propose(1n, { inHash: emptyInboxRoot(INBOX_HEIGHT) }),
      chain.rollup,
      "Rollup__InHashMismatch",
      [roots.get(2n)!, emptyInboxRoot(INBOX_HEIGHT)],
    );
    expect((await chain.tips()).pending).to.equal(1n);
    await chain.propose(2n, { inHash: roots.get(2n)! }); // the refused transaction used slot 1's L1 block
    expect((await chain.tips()).pending).to.equal(2n);
  });
});

describe("Outbox.consume after the epoch proof", () => {
  it("consumes an L2→L1 message of a proven block exactly once", async () => {
    const chain = await networkHelpers.loadFixture(chainFixture);
    const me = chain.deployer.account.address;
    const chainId = BigInt(await chain.publicClient.getChainId());
    const tree = outTree([
      { sender: toHex(7n, { size: 32 }), recipient: me, chainId, content: toHex(42n, { size: 32 }) },
      { sender: toHex(8n, { size: 32 }), recipient: me, chainId, content: toHex(43n, { size: 32 }) },
      { sender: toHex(9n, { size: 32 }), recipient: me, chainId, content: toHex(44n, { size: 32 }) },
    ]);
    await chain.propose(0n);
    await chain.propose(1n, { inHash: await chain.inbox.read.getRoot([2n]), outHash: tree.outHash });
    const { message, leafIndex, path } = tree.proof(2);

    await viem.assertions.revertWithCustomErrorWithArgs(
      chain.outbox.write.consume([message, 2n, leafIndex, path]),
      chain.outbox,
      "Outbox__BlockNotProven",
      [0n, 2n],
    );

    const plan = planEpoch({
      provenTip: { blockNumber: 0n, archive: await chain.archiveOf(0n) },
      pending: [chain.blocks.get(1n)!, chain.blocks.get(2n)!],
      clock: { genesisTime: chain.genesisTime, slotDuration: SLOT, epochDuration: EPOCH },
      now: chain.epochStart(1n),
    })!;
    const proof = buildEpochProof({
      chainId,
      rollup: chain.rollup.address,
      epoch: plan.epoch,
      previousArchive: plan.previousArchive,
      blocks: plan.blocks,
      blobOf: (vh) => chain.blobStore.get(vh)!,
      prover: me,
      kzg: chain.kzg,
    });
    await networkHelpers.time.setNextBlockTimestamp(chain.epochStart(1n));
    await chain.rollup.write.submitEpochRootProof([1n, 2n, proof.publicInputs, proof.blobProof, "0x"]);

    await viem.assertions.emitWithArgs(
      chain.outbox.write.consume([message, 2n, leafIndex, path]),
      chain.outbox,
      "MessageConsumed",
      [2n, tree.outHash, l2ToL1Leaf(message, leafIndex), 2n],
    );
    expect(await chain.outbox.read.hasMessageBeenConsumed([2n, 2n])).to.equal(true);
    await viem.assertions.revertWithCustomErrorWithArgs(
      chain.outbox.write.consume([message, 2n, leafIndex, path]),
      chain.outbox,
      "Outbox__AlreadyConsumed",
      [2n, 2n],
    );
    expect(await chain.outbox.read.hasMessageBeenConsumed([2n, 1n])).to.equal(false);
  });
});
