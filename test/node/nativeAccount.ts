import { describe, it } from "mocha";
import { expect } from "chai";
import { keccak256, recoverAddress, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { nativeAccount } from "../../src/crypto/nativeAccount.js";
import { attestationTypedDataOf } from "../../src/sequencer/attestations.js";

const domain = { chainId: 31337, rollup: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } as const;

describe("crypto: nativeAccount (libsecp256k1 signing)", () => {
  it("signs every digest and typed message byte for byte as viem's account does (RFC 6979, low s, v 27/28)", async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 64; i++) {
      const key = keccak256(toHex(`native key ${i}`));
      const hash = keccak256(toHex(`digest ${i}`));
      const viem = privateKeyToAccount(key);
      const native = nativeAccount(key);
      expect(native.address).to.equal(viem.address);
      const signature = await native.sign({ hash });
      expect(signature).to.equal(await viem.sign({ hash }));
      expect(await recoverAddress({ hash, signature })).to.equal(viem.address);
      seen.add(parseInt(signature.slice(130), 16));
      const typed = attestationTypedDataOf(domain, hash);
      expect(await native.signTypedData(typed)).to.equal(await viem.signTypedData(typed));
    }
    expect([...seen].sort()).to.deep.equal([27, 28]); // both recovery ids met
  });

  it("refuses a key that is no secp256k1 private key, as viem does", () => {
    const zero = `0x${"00".repeat(32)}` as const;
    expect(() => privateKeyToAccount(zero)).to.throw();
    expect(() => nativeAccount(zero)).to.throw();
  });
});
