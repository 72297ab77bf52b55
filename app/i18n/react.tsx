import { createContext, useContext, type ReactNode } from "react";
import type { i18n as I18n, TFunction } from "i18next";
import type { Namespace } from "./i18n";

// The page's translator for components. react-i18next's hook copied the whole i18next
// instance (every property descriptor) on each component's first render, which on a
// server-rendered page is every render: with the fixed-T it made, the biggest single cost
// of a You Said, We Did page (issue 13's profile). Here the instance is the one kept per
// language (i18nFor) and each namespace's `t` is made once and shared.

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ i18n, children }: { i18n: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

const translators = new WeakMap<I18n, Map<Namespace, TFunction>>();

/**
 * `{ t, i18n }` for a namespace (or a list: the first is the default, the others are
 * reached with "ns:key", as react-i18next did), in the page's language.
 */
export function useTranslation(ns: Namespace | readonly Namespace[] = "common"): { t: TFunction; i18n: I18n } {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useTranslation needs an I18nProvider above it (app/root.tsx)");
  const first = typeof ns === "string" ? ns : ns[0];
  let byNamespace = translators.get(i18n);
  if (!byNamespace) {
    byNamespace = new Map();
    translators.set(i18n, byNamespace);
  }
  let t = byNamespace.get(first);
  if (!t) {
    t = rememberingPlainTexts(i18n.getFixedT(i18n.language, first) as TFunction);
    byNamespace.set(first, t);
  }
  return { t, i18n };
}

/**
 * `t` that looks a key asked for without options up once: a text with nothing to
 * interpolate never changes (resources are fixed at boot), and i18next's lookup was a
 * tenth of a survey page's server time. Calls with options go to i18next every time.
 */
function rememberingPlainTexts(t: TFunction): TFunction {
  const texts = new Map<string, unknown>();
  const translate = t as unknown as (...args: unknown[]) => unknown;
  const remembering = (key: unknown, ...rest: unknown[]) => {
    if (rest.length > 0 || typeof key !== "string") return translate(key, ...rest);
    if (!texts.has(key)) texts.set(key, translate(key));
    return texts.get(key);
  };
  return remembering as unknown as TFunction;
}
