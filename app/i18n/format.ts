import type { Language } from "./i18n";

const LOCALES: Record<Language, string> = { en: "en-GB", ur: "ur-PK" };

// Making an Intl.DateTimeFormat costs far more than using one (it was a tenth of a page's
// server time in issue 13's profile), so there is one per language, made on first use.
const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** A date for people: "31 August 2027" / its Urdu form. Done on the server to avoid hydration drift. */
export function formatDate(iso: string, lng: Language): string {
  let format = dateFormats.get(lng);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lng], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    dateFormats.set(lng, format);
  }
  return format.format(new Date(iso));
}
