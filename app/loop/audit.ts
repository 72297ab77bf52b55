/**
 * The text changes an audit event keeps (DESIGN.md "The loop": every change of text is kept
 * with the text before and after). Pure: loop.server.ts works out what changed and stores
 * it in `loop_events.changes`; the entry page reads it back and puts it into words.
 */

/** What a change may be to. Values are stored as the entry holds them (ids, codes, ISO dates). */
export const AUDIT_FIELDS = [
  "lead_service",
  "contributing",
  "period",
  "theme",
  "forum_families",
  "you_said_en",
  "you_said_ur",
  "owner",
  "due_on",
  "outcome",
  "we_did_en",
  "we_did_ur",
  "outcome_note",
  "change_evidence",
  "change_from",
  "update_en",
  "update_ur",
] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];

export interface TextChange {
  field: AuditField;
  /** Null: there was none (a first close-out, a new update). */
  before: string | null;
  after: string | null;
}

export type AuditValues = Partial<Record<AuditField, string | number | readonly number[] | null | undefined>>;

function valueOf(v: AuditValues[AuditField]): string | null {
  if (v === null || v === undefined) return null;
  const s = Array.isArray(v) ? [...v].sort((a, b) => a - b).join(",") : String(v);
  return s === "" ? null : s;
}

/**
 * Each field of `after` whose value differs from `before`, in AUDIT_FIELDS order. Empty
 * and missing count as the same (none); a service list is compared as a set.
 */
export function changesBetween(before: AuditValues, after: AuditValues): TextChange[] {
  const changes: TextChange[] = [];
  for (const field of AUDIT_FIELDS) {
    if (!(field in after)) continue;
    const b = valueOf(before[field]);
    const a = valueOf(after[field]);
    if (a !== b) changes.push({ field, before: b, after: a });
  }
  return changes;
}

/** The stored form: null when nothing changed. */
export function serialiseChanges(changes: readonly TextChange[]): string | null {
  return changes.length ? JSON.stringify(changes) : null;
}

/** The stored changes, leaving out anything unreadable (an event without changes has none). */
export function parseChanges(stored: string | null): TextChange[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (c): c is TextChange =>
        !!c &&
        typeof c === "object" &&
        (AUDIT_FIELDS as readonly string[]).includes(c.field) &&
        (c.before === null || typeof c.before === "string") &&
        (c.after === null || typeof c.after === "string"),
    );
  } catch {
    return [];
  }
}

/** Fields whose text is in Urdu, so the page can mark its language and direction. */
export function languageOfField(field: AuditField): "en" | "ur" | null {
  if (field.endsWith("_ur")) return "ur";
  if (field.endsWith("_en")) return "en";
  return null;
}
