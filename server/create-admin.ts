// `npm run create-admin -- --email you@council.example --name "Your Name"`: makes a real
// admin (the first one, on a production database that has none). Asks for missing
// details, and for the password twice without echo, when run in a terminal; otherwise
// reads the password from the first line of stdin, for scripts:
//   printf '%s\n' "$PASSWORD" | node build/server/create-admin.js --email a@b.example --name A
// The same rules as the admin's "new staff account" form (app/admin/users.ts); the
// password is never printed. Exit 0 when the account is made, 1 otherwise.
import readline from "node:readline";
import { parseArgs } from "node:util";
import { migrateToLatest, openDatabase } from "../db/connection";
import { readEnv } from "../app/env.server";
import { getFixedT } from "../app/i18n/i18n";
import { UserCreateSchema } from "../app/admin/users";
import { createUserAccount } from "../app/admin/users.server";
import { findUserByEmail, normaliseEmail } from "../app/auth/users.server";

class Refusal extends Error {}

const USAGE = "Usage: create-admin --email you@council.example --name \"Your Name\" (password asked for, or the first line of stdin)";

/** The admin form's error message for a schema error code, in English. */
function explain(code: string): string {
  const t = getFixedT("en", "admin");
  const key = `users.errors.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

/** The first problem with one field, checked by the admin form's own schema. */
function problemWith(field: "email" | "name" | "password", value: string): string | null {
  const shape = UserCreateSchema.shape[field];
  const parsed = shape.safeParse(value);
  return parsed.success ? null : explain(parsed.error.issues[0]?.message ?? "invalid");
}

function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

/** Reads a line from the terminal without showing what is typed. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = "";
    const done = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return done();
        if (ch === "\u0003") return done(new Refusal("Cancelled."));
        if (ch === "\u007f" || ch === "\b") typed = [...typed].slice(0, -1).join("");
        else if (ch >= " ") typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

/** The first line of piped stdin ("" when there is none), without its line ending. */
function readFirstLine(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  return new Promise((resolve) => {
    let first: string | undefined;
    rl.once("line", (line) => {
      first = line;
      rl.close();
    });
    rl.once("close", () => {
      process.stdin.destroy();
      resolve((first ?? "").replace(/\r$/, ""));
    });
  });
}

async function field(name: "email" | "name", given: string | undefined, interactive: boolean, prompt: string): Promise<string> {
  let value = given;
  if (value === undefined) {
    if (!interactive) throw new Refusal(`--${name} is missing. ${USAGE}`);
    value = await ask(prompt);
  }
  const problem = problemWith(name, value);
  if (problem) throw new Refusal(`${name === "email" ? "Email" : "Name"}: ${problem}.`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const interactive = Boolean(process.stdin.isTTY);
  const email = await field("email", values.email, interactive, "Email address: ");
  const name = await field("name", values.name, interactive, "Full name: ");

  const env = readEnv();
  const db = openDatabase(env.DATABASE_FILE);
  try {
    await migrateToLatest(db);
    // Checked before the password is asked for, so nobody types one for nothing.
    if (await findUserByEmail(db, email)) throw new Refusal(`There is already an account with ${normaliseEmail(email)}. Nothing was changed.`);

    let password: string;
    if (interactive) {
      password = await askHidden("Password (at least 12 characters): ");
      const problem = problemWith("password", password);
      if (problem) throw new Refusal(`Password: ${problem}.`);
      if ((await askHidden("The same password again: ")) !== password) throw new Refusal("The two passwords are not the same. Nothing was changed.");
    } else {
      password = await readFirstLine();
      const problem = problemWith("password", password);
      if (problem) throw new Refusal(`Password (the first line of stdin): ${problem}.`);
    }

    const parsed = UserCreateSchema.safeParse({ email, name, role: "admin", services: [], password });
    if (!parsed.success) throw new Refusal(explain(parsed.error.issues[0]?.message ?? "invalid"));
    const created = await createUserAccount(db, parsed.data);
    if ("error" in created) throw new Refusal(`There is already an account with ${parsed.data.email}. Nothing was changed.`);
    console.log(`Admin ${parsed.data.email} created.`);
  } finally {
    await db.destroy();
  }
}

try {
  await main();
} catch (error) {
  const message = error instanceof Refusal ? error.message : `create-admin failed: ${error instanceof Error ? error.message : String(error)}`;
  console.error(message);
  process.exitCode = 1;
}
