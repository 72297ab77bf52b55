import { useTranslation } from "~/i18n/react";
import { directionOf } from "~/i18n/i18n";
import type { AuditRow } from "../entry-page.server";

/**
 * The entry's audit trail: when (date and time), who, what, the status it moved between,
 * the texts before and after, and why. Everything in words (labels come from the loader).
 */
export function AuditTrail({ events }: { events: AuditRow[] }) {
  const { t } = useTranslation("loop");
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("entry.audit_title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.when")}</th>
            <th scope="col">{t("audit.who")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.change")}</th>
            <th scope="col">{t("audit.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>
                <bdi>{e.at}</bdi>
              </td>
              <td>
                <bdi>{e.who}</bdi>
              </td>
              <td>
                {e.action}
                {e.detail ? (
                  <div className="hint">
                    <bdi>{e.detail}</bdi>
                  </div>
                ) : null}
                {e.changes.length ? <Changes changes={e.changes} /> : null}
              </td>
              <td>{e.from && e.to && e.from !== e.to ? t("audit.from_to", { from: e.from, to: e.to }) : (e.to ?? "")}</td>
              <td>{e.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Changes({ changes }: { changes: AuditRow["changes"] }) {
  const { t } = useTranslation("loop");
  const text = (value: string | null, lang: AuditRow["changes"][number]["lang"]) =>
    value === null ? (
      <span className="hint">{t("audit.none")}</span>
    ) : (
      <span className="audit-text" lang={lang ?? undefined} dir={lang ? directionOf(lang) : undefined}>
        {value}
      </span>
    );
  return (
    <dl className="audit-changes">
      {changes.map((c) => (
        <div key={c.field} className="audit-change">
          <dt>{c.label}</dt>
          <dd>
            {c.before !== null ? (
              <>
                <span className="audit-change__word">{t("audit.before")}:</span> {text(c.before, c.lang)}{" "}
              </>
            ) : null}
            <span className="audit-change__word">{t("audit.after")}:</span> {text(c.after, c.lang)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
