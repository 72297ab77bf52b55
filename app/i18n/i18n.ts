import i18next, { type i18n, type Resource } from "i18next";
import { LANGUAGES, type Language } from "@db/schema";
import { readCookie, serializeCookie } from "~/http/cookies";
import enCommon from "../../locales/en/common.json";
import urCommon from "../../locales/ur/common.json";
import enSurvey from "../../locales/en/survey.json";
import urSurvey from "../../locales/ur/survey.json";
import enStaff from "../../locales/en/staff.json";
import urStaff from "../../locales/ur/staff.json";
import enAdmin from "../../locales/en/admin.json";
import urAdmin from "../../locales/ur/admin.json";
import enBuilder from "../../locales/en/builder.json";
import urBuilder from "../../locales/ur/builder.json";
import enCampaigns from "../../locales/en/campaigns.json";
import urCampaigns from "../../locales/ur/campaigns.json";
import enMail from "../../locales/en/mail.json";
import urMail from "../../locales/ur/mail.json";
import enResults from "../../locales/en/results.json";
import urResults from "../../locales/ur/results.json";
import enLoop from "../../locales/en/loop.json";
import urLoop from "../../locales/ur/loop.json";
import enLoopCommon from "../../locales/en/loop_common.json";
import urLoopCommon from "../../locales/ur/loop_common.json";
import enYswd from "../../locales/en/yswd.json";
import urYswd from "../../locales/ur/yswd.json";
import enLoopMail from "../../locales/en/loop_mail.json";
import urLoopMail from "../../locales/ur/loop_mail.json";
import enLegal from "../../locales/en/legal.json";
import urLegal from "../../locales/ur/legal.json";

export { LANGUAGES, type Language };
export const DEFAULT_LANGUAGE: Language = "en";
export const LANGUAGE_COOKIE = "lng";
export const NAMESPACES = ["common", "survey", "staff", "admin", "builder", "campaigns", "mail", "results", "loop", "loop_common", "yswd", "loop_mail", "legal"] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Every interface string, by language then namespace. Small enough to bundle. */
export const RESOURCES = {
  en: { common: enCommon, survey: enSurvey, staff: enStaff, admin: enAdmin, builder: enBuilder, campaigns: enCampaigns, mail: enMail, results: enResults, loop: enLoop, loop_common: enLoopCommon, yswd: enYswd, loop_mail: enLoopMail, legal: enLegal },
  ur: { common: urCommon, survey: urSurvey, staff: urStaff, admin: urAdmin, builder: urBuilder, campaigns: urCampaigns, mail: urMail, results: urResults, loop: urLoop, loop_common: urLoopCommon, yswd: urYswd, loop_mail: urLoopMail, legal: urLegal },
} satisfies Record<Language, Resource[string]>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Direction comes from the language, never from sniffing text. */
export function directionOf(lng: Language): "ltr" | "rtl" {
  return lng === "ur" ? "rtl" : "ltr";
}

/** `?lng=` forces the language; otherwise the cookie; otherwise English. */
export function languageFromRequest(request: Request): Language {
  const fromQuery = new URL(request.url).searchParams.get("lng");
  if (isLanguage(fromQuery)) return fromQuery;
  const fromCookie = readCookie(request, LANGUAGE_COOKIE);
  if (isLanguage(fromCookie)) return fromCookie;
  return DEFAULT_LANGUAGE;
}

/**
 * The Set-Cookie value that remembers a language chosen with `?lng=`, if any.
 * `cookieSecure` is `env.COOKIE_SECURE`; no script reads the cookie, so it is HttpOnly.
 */
export function languageCookieFor(request: Request, cookieSecure: boolean): string | undefined {
  const fromQuery = new URL(request.url).searchParams.get("lng");
  if (!isLanguage(fromQuery)) return undefined;
  return serializeCookie(LANGUAGE_COOKIE, fromQuery, { maxAge: 31_536_000, secure: cookieSecure });
}

/**
 * A fresh, synchronously initialised instance. No fallback language, so a gap shows.
 * Use i18nFor(lng), which keeps one per language.
 */
function createI18n(lng: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: false,
    ns: [...NAMESPACES],
    defaultNS: "common",
    resources: RESOURCES,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    ...({ showSupportNotice: false } as object),
  });
  return instance;
}

const instances = new Map<Language, i18n>();
/**
 * The one instance for a language, made on first use and kept: pages, loaders and emails
 * share it. Nothing changes its language or resources after init, so sharing is safe, and
 * a request no longer pays for a new instance (issue 13's profile).
 */
export function i18nFor(lng: Language): i18n {
  let instance = instances.get(lng);
  if (!instance) {
    instance = createI18n(lng);
    instances.set(lng, instance);
  }
  return instance;
}

/** A translator for server code (loaders, actions, emails). */
export function getFixedT(lng: Language, ns: Namespace = "common") {
  return i18nFor(lng).getFixedT(lng, ns);
}

/** Picks the text of a bilingual record for a language: `pick(row, "title", "ur")`. */
export function pick<K extends string>(
  row: { [P in `${K}_en` | `${K}_ur`]: string },
  key: K,
  lng: Language,
): string {
  return row[`${key}_${lng}` as `${K}_en`];
}
