import { useTranslation } from "~/i18n/react";
import type { OutboxStatus } from "@db/schema";

/** An email's status as a labelled tag: the word carries the meaning, the colour only repeats it. */
export function StatusTag({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation("mail");
  // i18n-dynamic: mail:status.
  return <strong className={`tag mailbox-tag mailbox-tag--${status}`}>{t(`status.${status}`)}</strong>;
}

/** A kind of email by its name, or by its code when the mailbox has no name for it. */
export function useKindLabel(): (kind: string) => string {
  const { t } = useTranslation("mail");
  // i18n-dynamic: mail:kinds.
  return (kind: string) => t(`kinds.${kind}`, { defaultValue: kind });
}

/** Said on every mailbox page while SMTP_URL is unset. */
export function NotSendingNote() {
  const { t } = useTranslation("mail");
  return (
    <div className="notification" role="note" aria-labelledby="not-sending-title">
      <h2 id="not-sending-title" className="mailbox-note-title">
        {t("mailbox.not_sending.title")}
      </h2>
      <p>{t("mailbox.not_sending.body")}</p>
    </div>
  );
}

/** A labelled drop-down of the mailbox's filter form (a GET form: the choice lives in the address). */
export function FilterSelect(props: { name: string; label: string; value: string | undefined; options: { value: string; label: string }[] }) {
  return (
    <div>
      <label className="label" htmlFor={props.name}>
        {props.label}
      </label>
      <select className="mailbox-select" id={props.name} name={props.name} defaultValue={props.value ?? ""}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
