import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "mocha";
import { expect } from "chai";
import { decryptKeystore, encryptKeystore, readKeystoreDir, writeKeystores } from "../../src/keys/keystore.js";
import { readPassword } from "../../src/keys/password.js";
import { validatorAccount, validatorKey } from "../../src/system/validatorKeys.js";
import { runHardhat } from "../helpers/runHardhat.js";

const FAST = { scryptN: 1024 }; // tests only: the default is 2^18

describe("keystores (Web3 Secret Storage V3, @ethereumjs/wallet)", () => {
  const dirs: string[] = [];
  const temp = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sp-keys-"));
    dirs.push(dir);
    return dir;
  };
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("encrypts a key into a V3 keystore (scrypt, the N asked) that decrypts to the same account", async () => {
    const json = await encryptKeystore(validatorKey(0), "pw", FAST);
    const parsed = JSON.parse(json) as { version: number; crypto: { kdf: string; kdfparams: { n: number } } };
    expect(parsed.version).to.equal(3);
    expect(parsed.crypto.kdf).to.equal("scrypt");
    expect(parsed.crypto.kdfparams.n).to.equal(1024);
    expect(json).to.not.contain(validatorKey(0).slice(2));
    expect((await decryptKeystore(json, "pw", "f")).address).to.equal(validatorAccount(0).address);
  });

  it("refuses a wrong password, a file that is not JSON and a missing folder in one line", async () => {
    const json = await encryptKeystore(validatorKey(1), "pw", FAST);
    const line = (p: Promise<unknown>) =>
      p.then(
        () => "",
        (e: Error) => e.message,
      );
    expect(await line(decryptKeystore(json, "nope", "k.json"))).to.match(/^Wrong keystore password\./);
    expect(await line(decryptKeystore("{", "pw", "k.json"))).to.match(/^A keystore file is not JSON\./);
    expect(await line(readKeystoreDir("/nonexistent/keys", "pw"))).to.match(/^Missing keystore folder\./);
    expect(await line(encryptKeystore(validatorKey(1), "pw", { scryptN: 1000 }))).to.match(/power of two/);
  });

  it("writes a folder of keystores (mode 0600) and reads them back in order", async () => {
    const dir = await temp();
    await writeKeystores(dir, [validatorKey(0), validatorKey(1)], "pw", FAST);
    await writeKeystores(dir, [validatorKey(2)], "pw", FAST); // appended, numbered after the first two
    const names = (await readdir(dir)).sort();
    expect(names.map((n) => n.slice(0, 4))).to.deep.equal(["0000", "0001", "0002"]);
    const accounts = await readKeystoreDir(dir, "pw");
    expect(accounts.map((a) => a.address)).to.deep.equal([0, 1, 2].map((i) => validatorAccount(i).address));
    const file = path.join(dir, names[0]);
    expect((await import("node:fs")).statSync(file).mode & 0o777).to.equal(0o600);
    expect(JSON.parse(await readFile(file, "utf8"))).to.have.property("crypto");
  });

  it("takes the password from a file's first line, then the environment, and never an empty one", async () => {
    const dir = await temp();
    await writeFile(path.join(dir, "pw"), "secret\nignored\n");
    expect(await readPassword({ passwordFile: path.join(dir, "pw"), env: {} })).to.equal("secret");
    expect(await readPassword({ env: { SP_KEYSTORE_PASSWORD: "env-secret" } })).to.equal("env-secret");
    const refused = await readPassword({ env: { SP_KEYSTORE_PASSWORD: "" } }).catch((e: Error) => e.message);
    expect(refused).to.match(/^Empty keystore password\./);
  });

  it("keys:new and keys:import as a user runs them: files with the printed addresses, keys from stdin, one-line refusals", async () => {
    const dir = await temp();
    const password = path.join(dir, "password");
    await writeFile(password, "correct horse\n");
    const env = { ...process.env, SP_KEYSTORE_PASSWORD: "" };
    const made = await runHardhat(
      ["keys:new", "--out", path.join(dir, "new"), "--count", "2", "--password-file", password, "--scrypt-n", "1024"],
      { env },
    );
    expect(made.code, made.stderr).to.equal(0);
    const printed = [...new Set((made.stdout.match(/0x[0-9a-fA-F]{40}/g) ?? []).map((a) => a.toLowerCase()))];
    const created = await readKeystoreDir(path.join(dir, "new"), "correct horse");
    expect(created.map((a) => a.address.toLowerCase()))
      .to.have.members(printed)
      .and.have.length(2);

    const imported = await runHardhat(
      ["keys:import", "--out", path.join(dir, "imported"), "--password-file", password, "--scrypt-n", "1024"],
      { env, input: `${validatorKey(7)}\n${validatorKey(8)}` },
    );
    expect(imported.code, imported.stderr).to.equal(0);
    const read = await readKeystoreDir(path.join(dir, "imported"), "correct horse");
    expect(read.map((a) => a.address)).to.have.members([validatorAccount(7).address, validatorAccount(8).address]);
    expect(
      JSON.stringify(
        await Promise.all(
          (await readdir(path.join(dir, "imported"))).map((f) => readFile(path.join(dir, "imported", f), "utf8")),
        ),
      ),
    ).to.not.include(validatorKey(7).slice(2));

    const bad = await runHardhat(["keys:import", "--out", path.join(dir, "bad"), "--password-file", password], {
      env,
      input: "0x1234",
    });
    expect(bad.code).to.not.equal(0);
    expect(bad.stderr.trim().split("\n")).to.have.length(1);
    expect(bad.stderr).to.match(/^error: /);
    expect(await readdir(dir)).to.not.include("bad");
  });
});
