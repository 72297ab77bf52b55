import type { Language } from "@db/schema";
import { formatDate } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n";
import type { KeyedAuditRow } from "./keyed-corrections.server";
import type { KeyedResponseData } from "./keyed.server";

export const MAX_REASON = 500;

export type ReasonResult = { ok: true; value: string } | { ok: false; value: string; error: "reason_required" | "reason_too_long" };

/** The reason given for a correction (optional) or a void (required), at most 500 characters. */
export function readReason(form: FormData, required: boolean): ReasonResult {
  const raw = form.get("reason");
  const value = typeof raw === "string" ? raw.trim() : "";
  if (required && value === "") return { ok: false, value, error: "reason_required" };
  if (value.length > MAX_REASON) return { ok: false, value, error: "reason_too_long" };
  return { ok: true, value };
}

export interface AuditLine {
  title: string;
  date: string;
  voided: boolean;
  /** In words: the reason, then each field that changed with its value before and after. */
  details: string[];
}

/** A keyed response's audit trail as the page shows it, in words, oldest first. */
export function auditLines(
  trail: KeyedAuditRow[],
  ctx: { lng: Language; questions: { key: string; text: string; options: { value: string; label: string }[] }[]; services: { value: string; label: string }[] },
): AuditLine[] {
  const t = getFixedT(ctx.lng, "campaigns");
  const none = t("keyed_edit.no_answer");
  const answerText = (key: string, values: string[] | undefined) => {
    const q = ctx.questions.find((x) => x.key === key);
    return values?.length ? values.map((v) => q?.options.find((o) => o.value === v)?.label ?? v).join(", ") : none;
  };
  const fields: { label: string; show: (d: KeyedResponseData) => string }[] = [
    { label: t("keyed.completed_on"), show: (d) => formatDate(d.completedOn, ctx.lng) },
    // i18n-dynamic: campaigns:keyed.channels.
    { label: t("keyed.channel"), show: (d) => t(`keyed.channels.${d.channel}`) },
    // i18n-dynamic: campaigns:keyed.languages.
    { label: t("keyed.language"), show: (d) => t(`keyed.languages.${d.language}`) },
    { label: t("keyed.service"), show: (d) => ctx.services.find((s) => s.value === String(d.serviceId))?.label ?? String(d.serviceId) },
  ];
  return trail.map((row) => {
    const date = formatDate(row.at, ctx.lng);
    const details = row.reason ? [t("keyed_edit.history_reason", { reason: row.reason })] : [];
    const after = row.after;
    if (after) {
      for (const f of fields) {
        if (f.show(row.before) !== f.show(after)) details.push(t("keyed_edit.history_change", { field: f.label, before: f.show(row.before), after: f.show(after) }));
      }
      for (const q of ctx.questions) {
        const before = answerText(q.key, row.before.answers[q.key]);
        const now = answerText(q.key, after.answers[q.key]);
        if (before !== now) details.push(t("keyed_edit.history_change", { field: q.text, before, after: now }));
      }
    }
    const title = t(row.action === "voided" ? "keyed_edit.history_voided" : "keyed_edit.history_corrected", { date, name: row.user });
    return { title, date, voided: row.action === "voided", details };
  });
}
