import { describe, it } from "mocha";
import { expect } from "chai";
import { type Hex, keccak256, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { slotClockOf, slotStart } from "../../src/chain/time.js";
import type { EpochCommittee } from "../../src/committee/computeCommittee.js";
import { encodeAttestations } from "../../src/node/p2p/messages.js";
import { validateAttestations, type ValidationContext } from "../../src/node/p2p/validateMessages.js";
import { attestationTypedDataOf } from "../../src/sequencer/attestations.js";

const clock = slotClockOf({ genesisTime: 1_000n, slotDuration: 36n, epochDuration: 32n });
const domain = { chainId: 31337, rollup: "0x8A791620dd6260079BF849Dc5567aDC3F2FdC318" } as const;
const member = privateKeyToAccount(generatePrivateKey());
const committee: EpochCommittee = { epoch: 2n, seed: 1n, snapshotTime: 0n, committee: [member.address] };
const headerHash: Hex = keccak256(toHex("header"));

async function attestation(slot: bigint): Promise<Uint8Array> {
  const signature = await member.signTypedData(attestationTypedDataOf(domain, headerHash));
  return encodeAttestations({ slot, headerHash, attestations: [{ attester: member.address, signature }] });
}

/** A node whose L1 view is at `view()` (a slot), whose committee view knows epoch 2 once `known()`. */
function contextOf(view: () => bigint, known: () => boolean = () => true): ValidationContext {
  const now = async () => slotStart(clock, view()) + 1n;
  return {
    domain,
    clock,
    now,
    freshNow: now,
    committee: async (epoch) => (epoch === 2n && known() ? committee : undefined),
    catchUpMs: 1_000,
  };
}

describe("p2p message validation against the node's L1 view", () => {
  const slot = 2n * 32n + 5n;

  it("waits for a lagging L1 view to reach a message's slot instead of dropping it", async () => {
    let view = slot - 3n;
    setTimeout(() => (view = slot), 300); // this node sees the new L1 block a little after the sender did
    const verdict = await validateAttestations(
      contextOf(() => view),
      await attestation(slot),
    );
    expect(verdict).to.deep.include({ ok: true, late: false });
  });

  it("waits for the epoch's committee to be known, then ignores (not rejects) when it stays unknown", async () => {
    let known = false;
    setTimeout(() => (known = true), 300);
    const ctx = contextOf(
      () => slot,
      () => known,
    );
    expect(await validateAttestations(ctx, await attestation(slot))).to.deep.include({ ok: true });
    const never = contextOf(
      () => slot,
      () => false,
    );
    expect(await validateAttestations(never, await attestation(slot))).to.deep.equal({
      ok: false,
      reason: "unknownCommittee",
    });
  });

  it("calls a valid message for a past slot late (up to an epoch), and anything further off a wrong slot", async () => {
    const at = (view: bigint) => contextOf(() => view);
    expect(await validateAttestations(at(slot + 1n), await attestation(slot))).to.deep.include({ late: false });
    expect(await validateAttestations(at(slot + 3n), await attestation(slot))).to.deep.include({
      ok: true,
      late: true,
    });
    expect(await validateAttestations(at(slot + 33n), await attestation(slot))).to.deep.equal({
      ok: false,
      reason: "wrongSlot",
    });
    // A slot still ahead once the catch-up time is over (1 s here).
    const started = Date.now();
    expect(await validateAttestations(at(slot - 5n), await attestation(slot))).to.deep.equal({
      ok: false,
      reason: "wrongSlot",
    });
    expect(Date.now() - started).to.be.at.least(900);
  });
});
