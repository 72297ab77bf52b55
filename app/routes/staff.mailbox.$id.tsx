import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { directionOf, getFixedT, languageFromRequest } from "~/i18n/i18n";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { canRetry, findMailboxMessage, findOutboxMessage, parseStoredHeaders, retryEmailNow } from "~/mail/outbox.server";
import { formatDateTime } from "~/mail/mailbox";
import { NotSendingNote, StatusTag, useKindLabel } from "~/mail/MailboxParts";
import { ErrorPage } from "~/ui/ErrorPage";
import { StaffForm } from "~/ui/StaffForm";

const MessageIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

function messageIdOr404(raw: string | undefined): number {
  const parsed = MessageIdSchema.safeParse(raw);
  if (!parsed.success) throw json({ reason: "not_found" }, { status: 404 });
  return parsed.data;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  await requireStaffUser(db, request, "mailbox");
  const lng = languageFromRequest(request);
  const message = await findMailboxMessage(db, messageIdOr404(params.id));
  if (!message) throw json({ reason: "not_found" }, { status: 404 });
  const at = (iso: string | null) => (iso ? formatDateTime(iso, lng) : null);
  return json({
    pageTitle: getFixedT(lng, "mail")("message.page_title", { subject: message.subject }),
    sending: Boolean(env.SMTP_URL),
    message: {
      id: message.id,
      to: message.to_address,
      subject: message.subject,
      kind: message.kind,
      language: message.language,
      status: message.status,
      attempts: message.attempts,
      lastError: message.last_error,
      messageId: message.message_id,
      headers: Object.entries(parseStoredHeaders(message.headers_json)),
      text: message.text_body,
      html: message.html_body,
      written: at(message.created_at),
      nextAttempt: message.status === "pending" ? at(message.next_attempt_at) : null,
      sent: at(message.sent_at),
      canRetry: canRetry(message.status),
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db } = context;
  const { session } = await requireStaffForm(db, request, "mailbox");
  const id = messageIdOr404(params.id);
  if (!(await findOutboxMessage(db, id))) throw json({ reason: "not_found" }, { status: 404 });
  // Between loading the page and pressing the button, the sender may have taken it.
  if (!(await retryEmailNow(db, id))) return json({ notRetryable: true }, { status: 409 });
  return redirectWithFlash(db, session, `/staff/mailbox/${id}`, { key: "mail:retry_done" });
}

export default function MailboxMessage() {
  const { message: m, sending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("mail");
  const kindLabel = useKindLabel();
  const dir = directionOf(m.language);
  return (
    <>
      <p>
        <Link to="/staff/mailbox">{t("message.back")}</Link>
      </p>
      {actionData?.notRetryable ? (
        <div className="notification" role="alert">
          <p>{t("message.retry_not_possible")}</p>
        </div>
      ) : null}
      <span className="caption">{t("message.caption")}</span>
      <h1 lang={m.language} dir={dir}>
        {m.subject}
      </h1>
      {sending ? null : <NotSendingNote />}
      {m.to === null ? <p className="inset">{t("message.recipient_hidden_note")}</p> : null}

      <h2>{t("message.details")}</h2>
      <dl className="summary-list">
        <dt>{t("message.to")}</dt>
        <dd className="mailbox-address">{m.to === null ? t("mailbox.recipient_hidden") : <bdi>{m.to}</bdi>}</dd>
        <dt>{t("message.subject")}</dt>
        <dd lang={m.language} dir={dir}>
          {m.subject}
        </dd>
        <dt>{t("message.kind")}</dt>
        <dd>{kindLabel(m.kind)}</dd>
        <dt>{t("message.language")}</dt>
        {/* i18n-dynamic: mail:languages. */}
        <dd>{t(`languages.${m.language}`)}</dd>
        <dt>{t("message.status")}</dt>
        <dd>
          <StatusTag status={m.status} />
        </dd>
        <dt>{t("message.attempts")}</dt>
        <dd>
          <bdi>{m.attempts}</bdi>
        </dd>
        <dt>{t("message.last_error")}</dt>
        <dd className="mailbox-address">{m.lastError ? <bdi>{m.lastError}</bdi> : t("message.none")}</dd>
        <dt>{t("message.written")}</dt>
        <dd>{m.written}</dd>
        {m.nextAttempt ? (
          <>
            <dt>{t("message.next_attempt")}</dt>
            <dd>{m.nextAttempt}</dd>
          </>
        ) : null}
        {m.sent ? (
          <>
            <dt>{t("message.sent")}</dt>
            <dd>{m.sent}</dd>
          </>
        ) : null}
        {m.messageId ? (
          <>
            <dt>{t("message.message_id")}</dt>
            <dd className="mailbox-address">
              <bdi>{m.messageId}</bdi>
            </dd>
          </>
        ) : null}
        {m.headers.length ? (
          <>
            <dt>{t("message.headers")}</dt>
            <dd>
              <ul className="mailbox-headers">
                {m.headers.map(([name, value]) => (
                  <li key={name} className="mailbox-address">
                    <bdi>
                      {name}: {value}
                    </bdi>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>

      {m.status === "failed" ? <p className="inset">{t("message.failed_note")}</p> : null}
      {m.canRetry ? (
        <StaffForm>
          <p className="hint" id="retry-hint">
            {t("message.retry_hint")}
          </p>
          <button type="submit" className="button" aria-describedby="retry-hint">
            {t("message.retry")}
          </button>
        </StaffForm>
      ) : null}

      <h2>{t("message.text_part")}</h2>
      <pre className="mailbox-text" lang={m.language} dir={dir}>
        {m.text}
      </pre>

      <h2>{t("message.html_part")}</h2>
      {/* An empty sandbox: the email's HTML cannot run scripts, submit forms or reach this page. */}
      <iframe className="mailbox-preview" sandbox="" srcDoc={m.html} title={t("message.html_frame", { subject: m.subject })} />
    </>
  );
}

export const ErrorBoundary = ErrorPage;
