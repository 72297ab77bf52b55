import type { Language } from "./i18n";

const LOCALES: Record<Language, string> = { en: "en-GB", ur: "ur-PK" };

/** A date for people: "31 August 2027" / its Urdu form. Done on the server to avoid hydration drift. */
export function formatDate(iso: string, lng: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lng], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(iso),
  );
}
