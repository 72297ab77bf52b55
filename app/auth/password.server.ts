import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// OWASP's scrypt floor (N=2^17, r=8, p=1) costs 128 MB a hash; N=2^15 keeps sign-in
// quick on a 2-core box while staying far from brute-forceable for a leaked table.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

/** "scrypt$N$r$p$salt$hash" with a fresh 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: MAX_MEMORY });
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

const SAFE_INTEGER = /^[1-9]\d{0,6}$/;

/**
 * Whether the password matches the stored hash. A malformed, truncated or foreign
 * stored value is a plain "no", never an exception (and never a cheap comparison).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash || rest.length > 0) return false;
  if (![n, r, p].every((v) => v !== undefined && SAFE_INTEGER.test(v))) return false;
  const expected = Buffer.from(hash, "base64url");
  if (expected.length < 16) return false;
  try {
    const key = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAX_MEMORY,
    });
    return key.length === expected.length && crypto.timingSafeEqual(key, expected);
  } catch {
    // Parameters scrypt refuses (N not a power of two, beyond the memory cap).
    return false;
  }
}

// Verifying against a dummy hash when the email is unknown keeps the response time
// the same, so sign-in does not reveal which addresses have accounts.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  return dummy;
}
