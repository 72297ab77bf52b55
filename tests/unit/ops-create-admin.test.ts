import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@db/connection";
import { verifyPassword } from "~/auth/password.server";

const PASSWORD = "a long real passphrase 2026";
let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "said-and-done-admin-"));
  file = path.join(dir, "prod.sqlite");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the command as an operator's script would: env given, the password piped on stdin. */
function createAdmin(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/create-admin.ts", ...args], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH, NODE_ENV: "test", DATABASE_FILE: file },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

async function usersInDb() {
  const db = openDatabase(file);
  try {
    return await db.selectFrom("users").selectAll().execute();
  } finally {
    await db.destroy();
  }
}

describe("create-admin", () => {
  it("migrates a new database, makes the admin from the piped password, and refuses the same address twice", async () => {
    const first = await createAdmin(["--email", "IT.Admin@Council.example", "--name", "  Ada Admin "], `${PASSWORD}\nthe rest is ignored\n`);
    expect(first).toMatchObject({ code: 0, stdout: "Admin it.admin@council.example created.\n", stderr: "" });
    expect(first.stdout + first.stderr).not.toContain(PASSWORD);

    const [user, ...others] = await usersInDb();
    expect(others).toEqual([]);
    expect(user).toMatchObject({ email: "it.admin@council.example", name: "Ada Admin", role: "admin", active: 1 });
    expect(user.password_hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, user.password_hash)).toBe(true);
    expect(await verifyPassword("the rest is ignored", user.password_hash)).toBe(false);

    const again = await createAdmin(["--email", "it.admin@council.example", "--name", "Someone Else"], "another long passphrase\n");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("There is already an account with it.admin@council.example");
    expect(again.stdout).toBe("");
    expect(await usersInDb()).toHaveLength(1);
  }, 60_000);

  it("refuses what the admin's user form refuses, and makes nothing", async () => {
    const short = await createAdmin(["--email", "a@council.example", "--name", "A"], "too short\n");
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("The password must be at least 12 characters");
    expect(short.stderr).not.toContain("too short");

    const noPassword = await createAdmin(["--email", "a@council.example", "--name", "A"], "");
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toContain("Enter a password");

    const badEmail = await createAdmin(["--email", "not-an-address", "--name", "A"], `${PASSWORD}\n`);
    expect(badEmail.code).toBe(1);
    expect(badEmail.stderr).toContain("Enter an email address in the right format");

    const noName = await createAdmin(["--email", "a@council.example"], `${PASSWORD}\n`);
    expect(noName.code).toBe(1);
    expect(noName.stderr).toContain("--name is missing");

    expect(await usersInDb()).toEqual([]);
  }, 60_000);
});
