/**
 * The themes entries are grouped by on the public page. Codes are stored; labels are
 * in locales (loop:themes.<code>), so both languages share one list.
 */
export const LOOP_THEMES = [
  "communication",
  "ehc_plans",
  "timeliness",
  "waiting_times",
  "autism",
  "mental_health",
  "early_help",
  "information",
  "appointments",
  "other",
] as const;
export type LoopTheme = (typeof LOOP_THEMES)[number];

export function isLoopTheme(value: unknown): value is LoopTheme {
  return typeof value === "string" && (LOOP_THEMES as readonly string[]).includes(value);
}
