import { describe, it } from "mocha";
import { expect } from "chai";
import { type Hex, keccak256, recoverTypedDataAddress, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { recoverAttesters } from "../../src/node/p2p/recoverSigners.js";
import { attestationTypedDataOf } from "../../src/sequencer/attestations.js";

const domain = { chainId: 31337, rollup: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } as const;
const headerHash = keccak256(toHex("a header"));
const accounts = Array.from({ length: 16 }, (_, i) => privateKeyToAccount(keccak256(toHex(`attester ${i}`))));
/** secp256k1's group order. */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

async function signatures(): Promise<Hex[]> {
  return Promise.all(accounts.map((a) => a.signTypedData(attestationTypedDataOf(domain, headerHash))));
}

describe("node/p2p: recoverAttesters (native secp256k1)", () => {
  it("recovers the same signers as viem's recoverTypedDataAddress, over the digest computed once", async () => {
    const sigs = await signatures();
    const viem = await Promise.all(
      sigs.map((signature) => recoverTypedDataAddress({ ...attestationTypedDataOf(domain, headerHash), signature })),
    );
    expect(recoverAttesters(domain, headerHash, sigs)).to.deep.equal(viem);
    expect(viem).to.deep.equal(accounts.map((a) => a.address));
    // another header or another Rollup: another digest, so not the attester
    const other = recoverAttesters({ ...domain, chainId: 1 }, headerHash, sigs);
    expect(other.some((a, k) => a === accounts[k].address)).to.equal(false);
  });

  it("a v of 0/1 recovers as 27/28 does; a malleated high-s twin, a bad v, a wrong length or r = 0 recovers nobody", async () => {
    const [sig] = await signatures();
    const r = sig.slice(2, 66);
    const s = BigInt(`0x${sig.slice(66, 130)}`);
    const v = parseInt(sig.slice(130), 16);
    const withV = (x: number) => `0x${r}${sig.slice(66, 130)}${x.toString(16).padStart(2, "0")}` as Hex;
    expect(recoverAttesters(domain, headerHash, [withV(v - 27)])).to.deep.equal([accounts[0].address]);
    const twin = `0x${r}${(N - s).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}` as Hex;
    const bad = [
      twin,
      withV(29),
      withV(2),
      `${sig}00` as Hex,
      sig.slice(0, 130) as Hex,
      `0x${"00".repeat(32)}${sig.slice(66)}` as Hex,
    ];
    expect(recoverAttesters(domain, headerHash, bad)).to.deep.equal(bad.map(() => undefined));
  });
});
