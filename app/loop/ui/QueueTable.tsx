import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { DueMark } from "../queues.server";

/** "Overdue" / "Due soon" in words (never colour alone). */
export function DueTag({ mark }: { mark: DueMark }) {
  const { t } = useTranslation("loop");
  if (mark === null) return null;
  return <span className={`tag loop-due loop-due--${mark}`}>{mark === "overdue" ? t("due.overdue") : t("due.due_soon")}</span>;
}

/** A queue row as the page shows it (texts already in the viewer's language). */
export interface QueueRow {
  id: number;
  youSaid: string;
  /** The language of `youSaid` (an English text when a draft has no Urdu yet). */
  youSaidLang: "en" | "ur";
  services: string;
  status: string;
  owner: string | null;
  dueOn: string | null;
  dueMark: DueMark;
}

/**
 * A list of entries as a table. `select` adds a checkbox column (the PCF's "publish
 * selected"): its inputs are named `entry`; the table sits inside that form.
 */
export function QueueTable({ caption, rows, select, empty }: { caption: string; rows: QueueRow[]; select?: { form: string; label: string }; empty: ReactNode }) {
  const { t } = useTranslation("loop");
  if (rows.length === 0) return <p className="inset">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="loop-queue">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {select ? (
              <th scope="col">
                <span className="visually-hidden">{select.label}</span>
              </th>
            ) : null}
            <th scope="col">{t("queue.you_said")}</th>
            <th scope="col">{t("queue.services")}</th>
            <th scope="col">{t("queue.status")}</th>
            <th scope="col">{t("queue.owner")}</th>
            <th scope="col">{t("queue.due")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              {select ? (
                <td>
                  <input
                    className="choice__input"
                    type="checkbox"
                    id={`${select.form}-${r.id}`}
                    name="entry"
                    value={r.id}
                    aria-label={t("queue.select_entry", { number: r.id })}
                  />
                </td>
              ) : null}
              <th scope="row">
                <Link to={`/staff/loop/${r.id}`}>
                  <span className="visually-hidden">{t("queue.entry_number", { number: r.id })} </span>
                  <span lang={r.youSaidLang} dir={r.youSaidLang === "ur" ? "rtl" : "ltr"}>
                    {r.youSaid}
                  </span>
                </Link>
              </th>
              <td>{r.services}</td>
              <td>{r.status}</td>
              <td>{r.owner ?? t("queue.no_owner")}</td>
              <td>
                {r.dueOn ? <bdi>{r.dueOn}</bdi> : t("queue.no_due")} <DueTag mark={r.dueMark} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
