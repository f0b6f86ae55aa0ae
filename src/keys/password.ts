import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { CommandError } from "../cli/CommandError.js";

/** The environment variable a keystore password may come from (for services; never an argument). */
export const PASSWORD_ENV = "SP_KEYSTORE_PASSWORD";

/** Where a keystore password comes from: a file (first line), the environment, or a prompt on a terminal. */
export type PasswordSource = { passwordFile?: string; env?: NodeJS.ProcessEnv; prompt?: string };

/**
 * The keystore password: `--password-file`'s first line if given, else `$SP_KEYSTORE_PASSWORD`, else a hidden
 * prompt when stdin is a terminal. Refused when none is available or it is empty (never taken from an argument,
 * which `ps` would show).
 */
export async function readPassword({ passwordFile, env = process.env, prompt }: PasswordSource): Promise<string> {
  let password: string | undefined;
  if (passwordFile !== undefined && passwordFile !== "") {
    try {
      password = (await readFile(passwordFile, "utf8")).split(/\r?\n/)[0];
    } catch {
      throw new CommandError(
        "--password-file names no readable file.",
        "a file whose first line is the password",
        passwordFile,
      );
    }
  } else if (env[PASSWORD_ENV] !== undefined) {
    password = env[PASSWORD_ENV];
  } else if (process.stdin.isTTY) {
    password = await promptHidden(prompt ?? "Keystore password: ");
  } else {
    throw new CommandError(
      "No keystore password.",
      `--password-file, $${PASSWORD_ENV} or a terminal to prompt on`,
      "none",
    );
  }
  if (password === "") throw new CommandError("Empty keystore password.", "a non-empty password", "an empty one");
  return password;
}

/** Reads one line from the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  let muted = true;
  const output = new Writable({
    write: (chunk, _encoding, done) => {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.question("", resolve));
  } finally {
    muted = false;
    rl.close();
    process.stderr.write("\n");
  }
}

/** Reads lines from stdin (a pipe, or a hidden prompt per line on a terminal until an empty line). */
export async function readSecretLines(prompt: string): Promise<string[]> {
  if (process.stdin.isTTY) {
    const lines: string[] = [];
    for (;;) {
      const line = (await promptHidden(prompt)).trim();
      if (line === "") return lines;
      lines.push(line);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}
