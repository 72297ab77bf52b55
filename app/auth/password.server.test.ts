import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.server";

describe("passwords", () => {
  it("stores a salted scrypt hash, never the password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
  });

  it("gives the same password a different hash each time (fresh salt)", async () => {
    const a = await hashPassword("same password here");
    const b = await hashPassword("same password here");
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword("same password here", a)).toBe(true);
    expect(await verifyPassword("same password here", b)).toBe(true);
  });

  it("refuses a wrong password, including one differing only in case or a trailing space", async () => {
    const hash = await hashPassword("Correct horse battery");
    for (const wrong of ["correct horse battery", "Correct horse battery ", "", "Correct horse batter"]) {
      expect(await verifyPassword(wrong, hash), JSON.stringify(wrong)).toBe(false);
    }
  });

  it("refuses (without throwing) a malformed or foreign stored hash", async () => {
    const good = await hashPassword("a good password");
    const [scheme, n, r, p, salt, key] = good.split("$");
    const malformed = [
      "",
      "plain-text-password",
      "a good password",
      `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$$${key}`,
      `scrypt$notanumber$${r}$${p}$${salt}$${key}`,
      `scrypt$3$${r}$${p}$${salt}$${key}`,
      `${scheme}$${n}$${r}$${p}$${salt}$${key.slice(0, 10)}`,
      `${scheme}$${n}$${r}$${p}$${salt}$${key}$extra`,
      // Parameters beyond the memory cap are refused, not computed.
      `${scheme}$1048576$${r}$${p}$${salt}$${key}`,
    ];
    for (const stored of malformed) {
      expect(await verifyPassword("a good password", stored), stored).toBe(false);
    }
  });
});
