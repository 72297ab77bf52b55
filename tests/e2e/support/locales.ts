import fs from "node:fs";
import path from "node:path";

export type Lng = "en" | "ur";
export const LANGUAGES: Lng[] = ["en", "ur"];

type Json = { [key: string]: string | Json };

function load(lng: Lng, ns: "common" | "survey"): Json {
  return JSON.parse(fs.readFileSync(path.resolve("locales", lng, `${ns}.json`), "utf8")) as Json;
}

const CACHE = new Map<string, Json>();

/**
 * An interface string from locales/<lng>/<ns>.json, by dotted key, with `{{name}}`
 * values filled in: the tests read the same files the app renders from.
 */
export function tr(lng: Lng, key: string, values: Record<string, string | number> = {}): string {
  const [ns, rest] = key.includes(":") ? (key.split(":", 2) as ["common" | "survey", string]) : (["survey", key] as const);
  const cacheKey = `${lng}/${ns}`;
  let data = CACHE.get(cacheKey);
  if (!data) {
    data = load(lng, ns);
    CACHE.set(cacheKey, data);
  }
  let node: string | Json | undefined = data;
  for (const part of rest.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`No string "${key}" in locales/${lng}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`No value for {{${name}}} in "${key}"`);
    return String(values[name]);
  });
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "Page 2 of 4" (or its Urdu) as a regular expression with the two numbers captured. */
export function progressPattern(lng: Lng, current?: number, total?: number): RegExp {
  const template = tr(lng, "page_progress", { current: "\u0000C", total: "\u0000T" });
  const source = escapeRegExp(template)
    .replace("\u0000C", current === undefined ? "(\\d+)" : `(${current})`)
    .replace("\u0000T", total === undefined ? "(\\d+)" : `(${total})`);
  return new RegExp(`^\\s*${source}\\s*$`);
}

/** Exactly this text, as a whole-string regular expression (for accessible names). */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}
