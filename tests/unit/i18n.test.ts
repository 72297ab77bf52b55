import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { directionOf, languageCookieFor, languageFromRequest } from "~/i18n/i18n";

const LOCALES = path.resolve("locales");

function flatten(obj: Record<string, unknown>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === "object") Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = String(v);
  }
  return out;
}

function load(lng: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of fs.readdirSync(path.join(LOCALES, lng)).filter((f) => f.endsWith(".json"))) {
    const ns = file.replace(/\.json$/, "");
    const flat = flatten(JSON.parse(fs.readFileSync(path.join(LOCALES, lng, file), "utf8")));
    for (const [k, v] of Object.entries(flat)) out[`${ns}:${k}`] = v;
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.(tsx?|mjs)$/.test(d.name) && !d.name.endsWith(".test.ts") ? [p] : [];
  });
}

const en = load("en");
const ur = load("ur");
const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("interface strings", () => {
  it("have the same keys in English and Urdu", () => {
    expect(Object.keys(ur).sort()).toEqual(Object.keys(en).sort());
  });

  it("use the same interpolation variables in both languages", () => {
    for (const key of Object.keys(en)) expect(vars(ur[key] ?? ""), key).toEqual(vars(en[key]));
  });

  it("have no empty string and Urdu in Arabic script", () => {
    for (const [key, value] of Object.entries(en)) expect(value.trim(), key).not.toBe("");
    // The language switch names English in Latin letters on purpose.
    const latinOk = new Set(["common:switch_to"]);
    for (const [key, value] of Object.entries(ur)) {
      if (!latinOk.has(key)) expect(value, key).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it("are all used, and every key the code names exists", () => {
    const code = sourceFiles(path.resolve("app")).map((f) => fs.readFileSync(f, "utf8")).join("\n");
    // Keys built at run time from a prefix (an error code, a scale point, a reason).
    // Code that builds keys at run time says so with a comment: `// i18n-dynamic: ns:prefix.`
    const marked = [...code.matchAll(/i18n-dynamic: ([a-z_]+:[a-z_.]+)/g)].map((m) => m[1]);
    const dynamicPrefixes = ["survey:errors.", "survey:scale.", "survey:unknown_link.", "survey:closed.", "survey:too_large.", ...marked];
    const unused = Object.keys(en).filter((key) => {
      if (dynamicPrefixes.some((p) => key.startsWith(p))) return false;
      const bare = key.split(":")[1];
      return !code.includes(`"${bare}"`) && !code.includes(`"${key}"`) && !code.includes(`\`${bare}\``);
    });
    expect(unused).toEqual([]);
    const named = [...code.matchAll(/\bt\("([a-z_]+(?::[a-z_.]+|\.[a-z_.]+)?)"/g)].map((m) => m[1]);
    // A key with a count may exist only in its plural forms (i18next's `_one` / `_other`).
    const exists = (k: string) => k in en || Object.keys(en).some((full) => full.endsWith(`:${k}`));
    const missing = named.filter((k) => !exists(k) && !exists(`${k}_other`));
    expect(missing).toEqual([]);
  });
});

describe("language choice", () => {
  const req = (url: string, cookie?: string) => new Request(url, { headers: cookie ? { Cookie: cookie } : {} });

  it("forces the language with ?lng=, else the cookie, else English", () => {
    expect(languageFromRequest(req("http://x/?lng=ur"))).toBe("ur");
    expect(languageFromRequest(req("http://x/?lng=ur", "lng=en"))).toBe("ur");
    expect(languageFromRequest(req("http://x/", "a=b; lng=ur"))).toBe("ur");
    expect(languageFromRequest(req("http://x/?lng=fr"))).toBe("en");
    expect(languageFromRequest(req("http://x/"))).toBe("en");
  });

  it("remembers a forced language in a cookie", () => {
    expect(languageCookieFor(req("http://x/?lng=ur"), false)).toMatch(/^lng=ur; Path=\/;/);
    expect(languageCookieFor(req("http://x/"), false)).toBeUndefined();
  });

  it("sets the direction from the language", () => {
    expect(directionOf("ur")).toBe("rtl");
    expect(directionOf("en")).toBe("ltr");
  });
});
