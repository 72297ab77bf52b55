import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { OUTBOX_STATUSES } from "@db/schema";
import { directionOf, getFixedT, languageFromRequest } from "~/i18n/i18n";
import { requireStaffUser } from "~/auth/session.server";
import { countOutboxByStatus, listMailbox, listOutboxKinds, MAILBOX_PAGE_SIZE } from "~/mail/outbox.server";
import { formatDateTime, mailboxHref, pageWindow, parseMailboxQuery } from "~/mail/mailbox";
import { FilterSelect, NotSendingNote, StatusTag, useKindLabel } from "~/mail/MailboxParts";
import { ErrorPage } from "~/ui/ErrorPage";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, env } = context;
  await requireStaffUser(db, request, "mailbox");
  const lng = languageFromRequest(request);
  const query = parseMailboxQuery(new URL(request.url));
  const filter = { status: query.status, kind: query.kind };
  const { messages, total } = await listMailbox(db, filter, query.page);
  const window = pageWindow(query.page, MAILBOX_PAGE_SIZE, total);
  // A page past the end (an old link after mail was filtered away) goes to the last page.
  if (messages.length === 0 && query.page > window.pages) throw redirect(mailboxHref({ ...filter, page: window.pages }));
  return json({
    pageTitle: getFixedT(lng, "mail")("mailbox.title"),
    sending: Boolean(env.SMTP_URL),
    counts: await countOutboxByStatus(db),
    kinds: await listOutboxKinds(db),
    query,
    total,
    page: query.page,
    ...window,
    messages: messages.map((m) => ({
      id: m.id,
      to: m.to_address,
      subject: m.subject,
      language: m.language,
      kind: m.kind,
      status: m.status,
      attempts: m.attempts,
      // Why a message failed, or why one still waiting has not gone yet.
      lastError: m.status === "failed" || m.status === "pending" ? m.last_error : null,
      written: formatDateTime(m.created_at, lng, "medium"),
    })),
  });
}

export default function Mailbox() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("mail");
  const kindLabel = useKindLabel();
  const { query } = data;
  const filtered = Boolean(query.status || query.kind);
  return (
    <>
      <h1>{t("mailbox.title")}</h1>
      <p>{t("mailbox.intro")}</p>
      {data.sending ? null : <NotSendingNote />}

      <h2>{t("mailbox.by_status")}</h2>
      <ul className="mailbox-counts">
        {OUTBOX_STATUSES.map((status) => (
          <li key={status}>
            <Link to={mailboxHref({ status, kind: query.kind })} aria-current={query.status === status ? "true" : undefined}>
              {t(`status.${status}`)}: <bdi>{data.counts[status]}</bdi>
            </Link>
          </li>
        ))}
      </ul>

      <Form method="get" className="mailbox-filter">
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t("mailbox.filter.legend")}</legend>
          <div className="mailbox-filter__fields">
            <FilterSelect
              name="status"
              label={t("mailbox.filter.status")}
              value={query.status}
              options={[
                { value: "", label: t("mailbox.filter.all_statuses") },
                ...OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
              ]}
            />
            <FilterSelect
              name="kind"
              label={t("mailbox.filter.kind")}
              value={query.kind}
              options={[{ value: "", label: t("mailbox.filter.all_kinds") }, ...data.kinds.map((k) => ({ value: k, label: kindLabel(k) }))]}
            />
            <button type="submit" className="button button--secondary">
              {t("mailbox.filter.submit")}
            </button>
          </div>
        </fieldset>
      </Form>

      {data.total === 0 ? (
        <div className="inset">
          <p>{filtered ? t("mailbox.empty_filtered") : t("mailbox.empty")}</p>
          {filtered ? <Link to="/staff/mailbox">{t("mailbox.show_all")}</Link> : null}
        </div>
      ) : (
        <>
          <p>{t("mailbox.showing", { from: data.from, to: data.to, total: data.total })}</p>
          <div className="table-wrap" role="region" aria-labelledby="mailbox-caption" tabIndex={0}>
            <table className="mailbox-table">
              <caption id="mailbox-caption" className="visually-hidden">
                {t("mailbox.table.caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("mailbox.table.written")}</th>
                  <th scope="col">{t("mailbox.table.to")}</th>
                  <th scope="col">{t("mailbox.table.subject")}</th>
                  <th scope="col">{t("mailbox.table.kind")}</th>
                  <th scope="col">{t("mailbox.table.status")}</th>
                  <th scope="col">{t("mailbox.table.attempts")}</th>
                </tr>
              </thead>
              <tbody>
                {data.messages.map((m) => (
                  <tr key={m.id}>
                    <td>{m.written}</td>
                    <td className="mailbox-address">{m.to === null ? t("mailbox.recipient_hidden") : <bdi>{m.to}</bdi>}</td>
                    <td>
                      <Link to={`/staff/mailbox/${m.id}`} lang={m.language} dir={directionOf(m.language)}>
                        {m.subject}
                      </Link>
                    </td>
                    <td>{kindLabel(m.kind)}</td>
                    <td>
                      <StatusTag status={m.status} />
                      {m.lastError ? (
                        <p className="mailbox-error">
                          <span className="mailbox-error__label">{t("mailbox.error_label")}</span> <bdi>{m.lastError}</bdi>
                        </p>
                      ) : null}
                    </td>
                    <td>
                      <bdi>{m.attempts}</bdi>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.pages > 1 ? (
            <nav className="mailbox-pagination" aria-label={t("mailbox.pagination.label")}>
              {data.page > 1 ? (
                <Link to={mailboxHref({ ...query, page: data.page - 1 })} rel="prev">
                  {t("mailbox.pagination.previous")}
                </Link>
              ) : null}
              <span>{t("mailbox.pagination.page_of", { page: data.page, pages: data.pages })}</span>
              {data.page < data.pages ? (
                <Link to={mailboxHref({ ...query, page: data.page + 1 })} rel="next">
                  {t("mailbox.pagination.next")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}

export const ErrorBoundary = ErrorPage;
